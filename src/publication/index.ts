// publication: statements (PDF, Excel), publications, proof of posting, verification, public pages.
import "./messages";
export { publicationRoutes } from "./routes";
export { publicPages } from "./pages";
// The public pages' stylesheet and policy, for another module's page (notify's withdrawal page).
export { staffStatement, draftPublication, approvePublication, recordBoardOpinion, recordPosting, recordTakenDown, listPublished, publishedFile, verifyCode, verifyPdf, announcement } from "./service";
export type { Publication, PostingRecord, Verification, PublicationEnv } from "./service";
export { scan, spool } from "./model";
export type { StatementModel, Scan, Row } from "./model";
export { renderPdf, countPages, embeddedFields } from "./render/pdf";
export { renderXlsx } from "./render/xlsx";
export { latePublications, publicationsOf, publishedFiles, eventDate, PUBLISH_WITHIN_WORKING_DAYS } from "./records";
