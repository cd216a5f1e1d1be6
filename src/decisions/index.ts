// decisions: residents' decisions, their counts and their recognition by the commune.
// Other modules import only this file.
import "./messages";
export { decisionRoutes } from "./routes";
export { decisionPages, openVoteLinks } from "./pages";
export { decisionForCampaign, decisionForWork, recognisedOf, decisionDeadlines } from "./transitions";
export type { DecisionBasis } from "./transitions";
export { recordDecision, recordTally, recordBallot } from "./decisions";
export { moveDecision } from "./transitions";
export { decisionResult } from "./result";
export type { DecisionResult } from "./result";
