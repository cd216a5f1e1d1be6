import { PLACES, POSTING_PLACES, STATEMENT_KINDS } from "../../reports/statements";
import { BigId, BigIdNum, DateStr, Id, IdNum, MultiLine, Obj, Static, Type, OneOf } from "../http/schema-kit";

// Request schemas of the publication routes (ajv, additionalProperties: false, no coercion).

const Kind = OneOf(STATEMENT_KINDS);
const AccountCode = Type.String({ pattern: "^[0-9]{3,16}$", maxLength: 16 });
const Instant = Type.String({ format: "date-time", maxLength: 40, description: "UTC ISO-8601 instant" });
const Place = OneOf(PLACES);

export const StatementParamsSchema = Obj({ unitId: Id, kind: Kind });
/** Every kind's parameters; statements.checkParams says which a kind needs. `paper`: a voucher's PDF on A5 or an 80 mm roll (A4 unless said). */
export const StatementQuery = Obj({ campaignId: Type.Optional(Id), workId: Type.Optional(Id), inspectionId: Type.Optional(Id), boardId: Type.Optional(Id), decisionId: Type.Optional(Id), entryId: Type.Optional(BigId), from: Type.Optional(DateStr), to: Type.Optional(DateStr), fund: Type.Optional(AccountCode), paper: Type.Optional(OneOf(["a4", "a5", "roll80"])) });

export const PublicationParams = Obj({ unitId: Id, publicationId: Id });
export const PostingParams = Obj({ unitId: Id, publicationId: Id, postingId: Id });
export const PublicUnitParams = Obj({ unitId: Id });
export const PublicFileParams = Obj({ publicationId: Id });
export const VerifyParams = Obj({ code: Type.String({ pattern: "^[A-Za-z0-9-]{1,32}$", maxLength: 32 }) });
export const VerifyQuery = Obj({ hash: Type.String({ pattern: "^[0-9a-fA-F]{64}$", maxLength: 64 }) });

export const PublicationBody = Obj({
  statement: Obj({
    kind: Kind,
    params: Obj({ campaignId: Type.Optional(IdNum), workId: Type.Optional(IdNum), inspectionId: Type.Optional(IdNum), boardId: Type.Optional(IdNum), decisionId: Type.Optional(IdNum), entryId: Type.Optional(BigIdNum), from: Type.Optional(DateStr), to: Type.Optional(DateStr), fund: Type.Optional(AccountCode) }),
  }),
  places: Type.Array(Place, { minItems: 1, maxItems: PLACES.length, uniqueItems: true }),
  postedFrom: DateStr,
  postedUntil: DateStr,
  /** A correction: the published publication of the same kind and scope that this one replaces. */
  supersedes: Type.Optional(IdNum),
});
export type PublicationInput = Static<typeof PublicationBody>;

export const OpinionBody = Obj({
  stance: Type.Union([Type.Literal("sign_off"), Type.Literal("objection")]),
  text: MultiLine({ minLength: 1, maxLength: 2000 }),
});
export type OpinionInput = Static<typeof OpinionBody>;

export const PostingBody = Obj({
  place: Type.Union(POSTING_PLACES.map((p) => Type.Literal(p))),
  postedAt: Instant,
  photoAttachmentId: Type.Optional(IdNum),
  by: Type.String({ minLength: 1, maxLength: 200 }),
});
export type PostingInput = Static<typeof PostingBody>;

export const TakenDownBody = Obj({ takenDownAt: Instant });
