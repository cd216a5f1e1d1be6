import { Type, TSchema, TObject, TProperties, TString, TUnsafe, ObjectOptions, SchemaOptions, StringOptions } from "@sinclair/typebox";
import { DONG_PATTERN } from "../shared/money";

// Shared building blocks for request schemas: one definition gives the ajv schema, the TS type
// (Static<>) and the OpenAPI document.
export { Type };
export type { Static, StaticDecode, TSchema } from "@sinclair/typebox";

/** An object that refuses unknown fields. */
export function Obj<T extends TProperties>(props: T, opts: ObjectOptions = {}): TObject<T> {
  return Type.Object(props, { additionalProperties: false, ...opts });
}

// Ids are INTEGER columns (32-bit on PostgreSQL): a bigger number cannot name a row, and binding it
// would make PostgreSQL fail the query ("out of range") instead of answering 404. So the schema
// stops it: 1 to 2147483647, as digits in a path or a query, as a number in a body. The digits are
// checked as a string (what arrives) and decoded to a number before the handler (http/route): a
// handler's `params.unitId` is a number, read once.
/**
 * A path or query value that is a number written in digits. The pattern must admit only what
 * `Number` reads back exactly (no sign, no leading zero, at most 15 digits): the handler gets the
 * number, and the value it shows back (a file name, an echo) is the same text that came.
 */
function digits(s: TString) {
  return Type.Transform(s).Decode((v) => Number(v)).Encode((n) => String(n));
}

/** A query's number in digits, under a module's own pattern (a cursor, a page): see `digits`. */
export function Digits(opts: StringOptions & { pattern: string }) {
  return digits(Type.String(opts));
}

export const ID_PATTERN =
  "^(?:[1-9][0-9]{0,8}|1[0-9]{9}|20[0-9]{8}|21[0-3][0-9]{7}|214[0-6][0-9]{6}|2147[0-3][0-9]{5}|21474[0-7][0-9]{4}|214748[0-2][0-9]{3}|2147483[0-5][0-9]{2}|21474836[0-3][0-9]|214748364[0-7])$";
export const Id = digits(Type.String({ pattern: ID_PATTERN, maxLength: 10, description: "numeric id (1 to 2147483647)" }));
export const IdNum = Type.Integer({ minimum: 1, maximum: 2147483647 });
// Entries, postings, contributions and opinions have bigint ids: a province joined to the national
// copy numbers its new rows from INSTALLATION_ID × 10^12. Fifteen digits at most, which a JS number
// holds exactly.
export const BIG_ID_PATTERN = "^[1-9][0-9]{0,14}$";
export const BigId = digits(Type.String({ pattern: BIG_ID_PATTERN, maxLength: 15, description: "numeric id (1 to 999999999999999)" }));
export const BigIdNum = Type.Integer({ minimum: 1, maximum: 999_999_999_999_999 });
export const Name = Type.String({ minLength: 1, maxLength: 200 });
/**
 * Text that may run over several lines: a tab or a line break is allowed here and nowhere else
 * (http/validation refuses them in every other string, as malformed_text). For descriptions, notes,
 * comments, findings' texts: what a person writes as prose, never a name or a code.
 */
export function MultiLine(opts: StringOptions = {}) {
  return Type.String({ ...opts, "x-multiLine": true });
}
export const Description = MultiLine({ maxLength: 2000 });
/**
 * YYYY-MM-DD of a day that exists: each month's length, 29 February only in a leap year (every 4th
 * year, not centuries unless every 400th; as shared/dates isValidDate). A pattern rather than an ajv
 * format: checked as cheaply as the bare shape, which counts in a 1,000-entry batch. A date that
 * fails it is answered as invalid_date (http/validation), in a body or a query alike.
 */
export const CALENDAR_DATE_PATTERN =
  "^(?:[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))" +
  "|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)$";
export const DateStr = Type.String({ pattern: CALENDAR_DATE_PATTERN, maxLength: 10, description: "YYYY-MM-DD, a day that exists" });
export const Money = Type.String({ pattern: DONG_PATTERN, maxLength: 16, description: "whole đồng as a decimal string" });
export const Cursor = Type.String({ maxLength: 200, pattern: "^[A-Za-z0-9_-]*$" });
/** A page size in a query, 1 to 500: digits on the wire, a number to the handler. */
export const Limit = digits(Type.String({ pattern: "^(?:[1-9][0-9]?|[1-4][0-9]{2}|500)$", description: "1-500" }));

export const UnitParams = Obj({ unitId: Id });

/**
 * One of a list of words. The schema is the plain anyOf of constants that `Type.Union` of literals
 * gives; the type is the words' union (a union built from a mapped array would type as never).
 */
export function OneOf<const T extends readonly string[]>(values: T, opts: SchemaOptions = {}): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>(Type.Union(values.map((v) => Type.Literal(v)), opts));
}

/** A yes/no in a query: "true" or "false" on the wire, a boolean to the handler. */
export const Flag = Type.Transform(OneOf(["true", "false"]))
  .Decode((v) => v === "true")
  .Encode((b) => (b ? "true" : "false"));

export function Nullable<T extends TSchema>(t: T) {
  return Type.Union([t, Type.Null()]);
}
