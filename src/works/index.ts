// works: public works, their expenses and budget, attachments, consultations and opinions.
// Other modules import only this file.
import "./messages";
export { worksRoutes } from "./routes";
export { findWork, settledWorks, WRITERS as WORK_WRITERS, proposeWork, moveWork, recordProgress } from "./works";
export type { Work, Oversight, PublicSupervision, PublicInspection, PublicFeedback, WorkStatus } from "./works";
export { recordExpense, recordAdvance, approveExpense } from "./expenses";
export { workBudget } from "./budget";
export { publicWorkView, publicWorksView, publicExpensePage, PUBLIC_EXPENSES } from "./public";
export type { PublicWorkView, PublicWorksView } from "./public";
export { placeHold, liftHold } from "./holds";
export { checkAttachments, cleanUpload, linkAttachments, attachmentsOf, storeAttachment, sniff, PHOTO_TYPES } from "./attachments";
export type { Attachment, UploadReason } from "./attachments";
export { attachmentsOfYear } from "./archive-files";
export type { StoredAttachment } from "./archive-files";
export { openConsultation, giveOpinion, provePin, publicConsultation } from "./consultations";
export type { PinThrottles } from "./consultations";
export { writeResponse, publishResponse } from "./responses";
