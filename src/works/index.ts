// works: public works, their expenses and budget, attachments, consultations and opinions.
// Other modules import only this file.
import "./messages";
export { worksRoutes } from "./routes";
export { findWork, workBudget, placeHold, liftHold, WRITERS as WORK_WRITERS, proposeWork, moveWork, recordExpense, recordAdvance, approveExpense, recordProgress } from "./service";
export type { Work, Oversight, PublicSupervision, WorkStatus } from "./service";
export { checkAttachments, cleanUpload, linkAttachments, attachmentsOf, storeAttachment, sniff } from "./attachments";
export type { Attachment } from "./attachments";
export { openConsultation, giveOpinion, provePin } from "./consultations";
export type { PinThrottles } from "./consultations";
