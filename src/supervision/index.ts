// supervision: boards' oversight, inspections, findings and their holds, cash counts, residents'
// feedback. Other modules import only this file.
import "./messages";
export { supervisionRoutes } from "./routes";
export { setUpBoard } from "./boards";
export type { Board } from "./boards";
export { recordInspection, moveInspection, filedInspections } from "./inspections";
export { recordFinding, moveFinding, listFindings, isOverdue } from "./findings";
export { countCash } from "./cash-counts";
export { checkFeedback, receiveFeedback, answerFeedback, checkFeedbackPhoto, receiveFeedbackPhoto, PHOTO_MAX_BYTES } from "./feedback";
export { oversight } from "./oversight";
export { overdueFeedback } from "./overdue";
export type { OverdueFeedback } from "./overdue";
export { inspectionMinutes, checkMinutes } from "./minutes";
export type { InspectionMinutes, MinutesUse } from "./minutes";
export { boardReport, checkBoardReport } from "./report";
export type { BoardReport } from "./report";
