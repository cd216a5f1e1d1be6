// supervision: boards' oversight, inspections, findings and their holds, cash counts, residents'
// feedback. Other modules import only this file.
import "./messages";
export { supervisionRoutes } from "./routes";
export { oversight, setUpBoard, recordInspection, moveInspection, recordFinding, moveFinding, listFindings, countCash, receiveFeedback, answerFeedback, isOverdue } from "./service";
export type { Board } from "./service";
export { inspectionMinutes, checkMinutes } from "./minutes";
export type { InspectionMinutes, MinutesUse } from "./minutes";
