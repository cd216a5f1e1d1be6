import { Obj, Type, Id, BigId, Name, Description, DateStr, Money, Cursor, Limit, MultiLine, OneOf, Digits } from "../http/schema-kit";

export const AccountCode = Type.String({ pattern: "^[0-9]{3,8}$", maxLength: 8, description: "digits, unique in the unit" });
const Kind = OneOf(["contribution", "expense", "transfer", "opening", "adjustment"]);
const RefId = Type.Integer({ minimum: 1, maximum: 2147483647 });

export const AccountBody = Obj({
  code: AccountCode,
  name: Name,
  type: OneOf(["asset", "liability", "net_assets", "revenue", "expense"]),
  parentCode: Type.Optional(AccountCode),
  noOverdraft: Type.Optional(Type.Boolean()),
});
export const AccountPatchBody = Obj({ name: Type.Optional(Name), isActive: Type.Optional(Type.Boolean()) }, { minProperties: 1 });
export const AccountParams = Obj({ unitId: Id, code: AccountCode });

export const PostingBody = Obj({ account: AccountCode, amount: Money, memo: Type.Optional(Type.String({ maxLength: 500 })) });
export const EntryBody = Obj({
  date: DateStr,
  kind: Kind,
  description: MultiLine({ minLength: 1, maxLength: 2000 }),
  postings: Type.Array(PostingBody, { minItems: 1, maxItems: 200 }),
  householdId: Type.Optional(RefId),
  campaignId: Type.Optional(RefId),
  workId: Type.Optional(RefId),
});
export const BatchBody = Obj({ entries: Type.Array(EntryBody, { minItems: 1, maxItems: 1000 }) });
export const EntryParams = Obj({ unitId: Id, entryId: BigId });
export const ReversalBody = Obj({ date: DateStr, reason: MultiLine({ minLength: 1, maxLength: 2000 }) });
export const EntriesQuery = Obj({
  from: Type.Optional(DateStr),
  to: Type.Optional(DateStr),
  account: Type.Optional(AccountCode),
  kind: Type.Optional(OneOf(["contribution", "expense", "transfer", "opening", "adjustment", "reversal"])),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  cursor: Type.Optional(Digits({ pattern: "^[0-9]{1,15}$" })),
  limit: Type.Optional(Limit),
  /** `desc`: the newest first (a screen's list); `asc`, the default: in chain order. */
  order: Type.Optional(OneOf(["asc", "desc"])),
});
export const AtQuery = Obj({ at: Type.Optional(DateStr) });
export const PeriodQuery = Obj({ from: Type.Optional(DateStr), to: Type.Optional(DateStr) });
/** `order=desc`: the newest posting first (a screen's list), each with the balance after it; `asc` is the default. */
export const RegisterQuery = Obj({ from: Type.Optional(DateStr), to: Type.Optional(DateStr), cursor: Type.Optional(Cursor), limit: Type.Optional(Limit), order: Type.Optional(OneOf(["asc", "desc"])) });
/** The journal is a book: always in date order. */
export const JournalQuery = Obj({ from: Type.Optional(DateStr), to: Type.Optional(DateStr), cursor: Type.Optional(Cursor), limit: Type.Optional(Limit) });
export const ClosingBody = Obj({ through: DateStr });
void Description;

/** A chain head noted down earlier: its seq (≥ 1) and hash (64 lowercase hex). */
export const AnchorQuery = Obj({
  seq: Digits({ pattern: "^[1-9][0-9]{0,14}$", maxLength: 15, description: "the entry's seq, 1 or more" }),
  hash: Type.String({ pattern: "^[0-9a-f]{64}$", maxLength: 64, description: "its hash, 64 lowercase hex" }),
});
