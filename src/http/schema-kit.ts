import { Type, TSchema, TObject, TProperties, ObjectOptions } from "@sinclair/typebox";
import { DONG_PATTERN } from "../shared/money";
import { DATE_PATTERN } from "../shared/dates";

// Shared building blocks for request schemas: one definition gives the ajv schema, the TS type
// (Static<>) and the OpenAPI document.
export { Type };
export type { Static, TSchema } from "@sinclair/typebox";

/** An object that refuses unknown fields. */
export function Obj<T extends TProperties>(props: T, opts: ObjectOptions = {}): TObject<T> {
  return Type.Object(props, { additionalProperties: false, ...opts });
}

export const Id = Type.String({ pattern: "^[1-9][0-9]{0,15}$", maxLength: 16, description: "numeric id" });
export const IdNum = Type.Integer({ minimum: 1, maximum: 9007199254740991 });
export const Name = Type.String({ minLength: 1, maxLength: 200 });
export const Description = Type.String({ maxLength: 2000 });
export const DateStr = Type.String({ pattern: DATE_PATTERN, maxLength: 10, description: "YYYY-MM-DD" });
export const Money = Type.String({ pattern: DONG_PATTERN, maxLength: 16, description: "whole đồng as a decimal string" });
export const Cursor = Type.String({ maxLength: 200, pattern: "^[A-Za-z0-9_-]*$" });
export const Limit = Type.String({ pattern: "^(?:[1-9][0-9]?|[1-4][0-9]{2}|500)$", description: "1-500" });

export const UnitParams = Obj({ unitId: Id });

export function Nullable<T extends TSchema>(t: T) {
  return Type.Union([t, Type.Null()]);
}
