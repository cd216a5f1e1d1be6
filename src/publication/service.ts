// Publication's verbs (DESIGN §8), one room each: drafts (statements for staff, drafting, board
// opinions), approval (documents generated once and stored), postings (proof of posting) and
// verification (public reads and the check of a copy). Routes and pages import this file.
export { DEFAULT_MIN_POSTING_DAYS } from "./records";
export type { Publication, PostingRecord, PublicationEnv } from "./records";
export { staffStatement, draftPublication, getPublication, listPublications, recordBoardOpinion } from "./drafts";
export { announcement, approvePublication } from "./approval";
export { recordPosting, recordTakenDown } from "./postings";
export { listPublished, publishedFile, verifyCode, findPublishedByCode, verifyPdf, statusOfCode, normalizeCode } from "./verification";
export type { Verification } from "./verification";
