import type { Publication, PostingRecord, Verification } from "./service";
import type { PostingWire, PublicationWire } from "./wire";

// Wire shapes by hand (camelCase). The public shape has no drafter or approver ids. The staff
// shapes return their types from wire.ts, which the web client imports.

export const postingDto = (p: PostingRecord): PostingWire => ({
  id: p.id,
  place: p.place,
  postedAt: p.postedAt,
  by: p.by,
  photoAttachmentId: p.photoAttachmentId,
  takenDownAt: p.takenDownAt,
  minimumUntil: p.minimumUntil,
  removedEarly: p.removedEarly,
});

export const publicationDto = (p: Publication): PublicationWire => ({
  id: p.id,
  unitId: p.unitId,
  kind: p.kind,
  params: p.params,
  places: p.places,
  postedFrom: p.postedFrom,
  postedUntil: p.postedUntil,
  publishBy: p.publishBy,
  late: p.late,
  status: p.status,
  supersedes: p.supersedes,
  supersededBy: p.supersededBy,
  drafted: p.drafted,
  approved: p.approved,
  publishedAt: p.publishedAt,
  code: p.code,
  dataHash: p.dataHash,
  chainHead: p.chainHead,
  period: p.period,
  subject: p.subject,
  announcement: p.announcement,
  figures: p.figures,
  opinions: p.opinions,
  postings: p.postings.map(postingDto),
});

export const publicPublicationDto = (p: Publication) => ({
  id: p.id,
  kind: p.kind,
  params: p.params,
  places: p.places,
  postedFrom: p.postedFrom,
  postedUntil: p.postedUntil,
  publishBy: p.publishBy,
  late: p.late,
  publishedAt: p.publishedAt,
  code: p.code,
  dataHash: p.dataHash,
  chainHead: p.chainHead,
  period: p.period,
  subject: p.subject,
  supersedes: p.supersedes,
  supersededBy: p.supersededBy,
  announcement: p.announcement,
  postings: p.postings.map(postingDto),
});

export const verificationDto = (v: Verification) => v;
