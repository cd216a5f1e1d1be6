// The string fields of a request schema, found by walking it: what the security suite sends
// malformed text to. A field a new schema adds is found the same way, with no list to keep.

export interface StringField {
  /** JSON Pointer of the value inside the part, array items as index 0: "/entries/0/description". */
  path: string;
  /** The pointer's segments, to build a body that reaches it. */
  segs: (string | number)[];
  /** The schema allows tab and line breaks (schema-kit MultiLine). */
  multiLine: boolean;
}

type S = Record<string, any>;

function strings(schema: S | undefined, segs: (string | number)[], out: StringField[], seen: Set<string>) {
  if (!schema || typeof schema !== "object" || segs.length > 12) return;
  for (const k of ["anyOf", "oneOf", "allOf"] as const) for (const s of schema[k] ?? []) strings(s, segs, out, seen);
  const types: string[] = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const isString = types.includes("string") && schema.const === undefined && schema.enum === undefined;
  if (isString) {
    const path = segs.length ? `/${segs.join("/")}` : "";
    if (!seen.has(path)) {
      seen.add(path);
      out.push({ path, segs: [...segs], multiLine: schema["x-multiLine"] === true });
    }
  }
  if (schema.properties) for (const [k, s] of Object.entries(schema.properties)) strings(s as S, [...segs, k], out, seen);
  if (schema.items && !Array.isArray(schema.items)) strings(schema.items, [...segs, 0], out, seen);
}

/** Every free string field of `schema` (literals and enums excluded: they admit no other text anyway). */
export function stringFields(schema: object | undefined): StringField[] {
  const out: StringField[] = [];
  strings(schema as S, [], out, new Set());
  return out;
}
