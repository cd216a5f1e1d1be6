import Ajv, { ErrorObject, ValidateFunction } from "ajv";
import { KindGuard, TransformKind, type TSchema } from "@sinclair/typebox";
import addFormats from "ajv-formats";
import type { Request } from "express";
import { AppError, RuleViolation, ValidationError, FieldError } from "../shared/errors";
import { isSettledText, nfc, shownText, textFault } from "../shared/text";
import { CALENDAR_DATE_PATTERN } from "./schema-kit";

// One ajv for the whole process: strict, every error, no coercion and no silent removal, so an
// unknown field is a 400 rather than quietly dropped (TOOLCHAIN: ajv traps).
export const ajv = new Ajv({ allErrors: true, strict: true, coerceTypes: false, useDefaults: false });
addFormats(ajv);

// Marks a string schema whose text may run over several lines (schema-kit MultiLine). An annotation:
// ajv does nothing with it (a keyword that ran per value cost a 1,000-entry batch a millisecond);
// the text scan below looks it up only for a string that holds a tab or a line break.
ajv.addKeyword({ keyword: "x-multiLine", schemaType: "boolean" });

type SchemaNode = { [k: string]: unknown; properties?: Record<string, SchemaNode>; items?: SchemaNode | SchemaNode[] };

/** Whether some branch of `schema` lets the value at `segs` hold several lines. */
function allowsLines(schema: SchemaNode | undefined, segs: string[]): boolean {
  if (!schema || typeof schema !== "object") return false;
  for (const k of ["anyOf", "oneOf", "allOf"]) for (const b of (schema[k] as SchemaNode[] | undefined) ?? []) if (allowsLines(b, segs)) return true;
  if (!segs.length) return schema["x-multiLine"] === true;
  const [head, ...rest] = segs;
  if (schema.properties && Object.hasOwn(schema.properties, head)) return allowsLines(schema.properties[head], rest);
  if (schema.items && /^[0-9]+$/.test(head)) return allowsLines(Array.isArray(schema.items) ? schema.items[Number(head)] : schema.items, rest);
  return false;
}

/** A JSON Pointer's segments, unescaped. */
const segsOf = (pointer: string) => (pointer ? pointer.slice(1).split("/").map((x) => x.replace(/~1/g, "/").replace(/~0/g, "~")) : []);

function fieldErrors(part: string, errors: ErrorObject[] | null | undefined): FieldError[] {
  return (errors ?? []).map((e) => {
    let path = e.instancePath;
    if (e.keyword === "required") path += `/${(e.params as { missingProperty: string }).missingProperty}`;
    if (e.keyword === "additionalProperties") path += `/${(e.params as { additionalProperty: string }).additionalProperty}`;
    // A date that is no day (2025-02-30) is named as the services name it.
    if (e.keyword === "pattern" && (e.params as { pattern?: string }).pattern === CALENDAR_DATE_PATTERN) return { path: `${prefix(part)}${path}` || "/", code: "invalid_date" };
    return { path: `${prefix(part)}${path}` || "/", code: e.keyword, params: e.params };
  });
}

const prefix = (part: string) => (part === "body" ? "" : `/${part}`);

export interface Schemas {
  params?: object;
  query?: object;
  body?: object;
}

const cache = new WeakMap<object, ValidateFunction>();
function compiled(schema: object): ValidateFunction {
  let fn = cache.get(schema);
  if (!fn) {
    fn = ajv.compile(schema);
    cache.set(schema, fn);
  }
  return fn;
}

/** A JSON Pointer segment, escaped as ajv writes instancePath ("~" as ~0, "/" as ~1). */
const seg = (k: string | number) => (typeof k === "number" ? String(k) : k.replace(/~/g, "~0").replace(/\//g, "~1"));

const MAX_DEPTH = 32;

interface TextScan {
  errors: FieldError[];
  /** Paths (relative to the part) of strings holding a tab or a line break: allowed only in multi-line fields. */
  lineBreaks: string[];
}

/**
 * Every string of a request part, object keys included, whatever its schema says: a malformed one is
 * a `malformed_text` error at its path; the others are put in Unicode NFC in place, so what is
 * checked, hashed and stored is one form. Strings with a line break are listed for the schema's say.
 * The path is built only where something is found: a 1,000-entry batch is ~10,000 values.
 */
function scanText(value: unknown, base: string, segs: (string | number)[], scan: TextScan, parent?: Record<string | number, unknown>, at?: string | number): void {
  if (scan.errors.length >= 20) return;
  if (segs.length > MAX_DEPTH) {
    // No request schema nests this deep; stopping here keeps the walk off the end of the stack.
    scan.errors.push({ path: pathOf(base, segs), code: "maxDepth", params: { limit: MAX_DEPTH } });
    return;
  }
  if (typeof value === "string") {
    if (isSettledText(value)) return;
    const fault = textFault(value, false);
    if (fault === "malformed") scan.errors.push({ path: pathOf(base, segs) || "/", code: "malformed_text" });
    else {
      if (fault === "line_break") scan.lineBreaks.push(pathOf("", segs));
      const n = value.normalize("NFC");
      if (n !== value && parent) setOwn(parent, at!, n);
    }
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      segs.push(i);
      scanText(value[i], base, segs, scan, value as unknown as Record<number, unknown>, i);
      segs.pop();
    }
  } else if (value && typeof value === "object") {
    const obj = value as Record<string, unknown>;
    // Keys are nearly always settled names ("date", "postings"): checked by one match each, and
    // only an object with another key is walked a second time, for it.
    let unsettled = false;
    for (const k in obj) {
      if (!Object.hasOwn(obj, k)) continue;
      if (!isSettledText(k)) {
        unsettled = true;
        continue;
      }
      segs.push(k);
      scanText(obj[k], base, segs, scan, obj, k);
      segs.pop();
    }
    if (!unsettled) return;
    for (const k of Object.keys(obj)) {
      if (isSettledText(k)) continue;
      if (textFault(k, false)) {
        // A key is a name, never several lines.
        scan.errors.push({ path: pathOf(base, [...segs, shownText(k)]), code: "malformed_text" });
        continue;
      }
      const key = nfc(k);
      if (key !== k) {
        const v = obj[k];
        delete obj[k];
        setOwn(obj, key, v);
      }
      segs.push(key);
      scanText(obj[key], base, segs, scan, obj, key);
      segs.pop();
    }
  }
}

/** obj[k] = v without a "__proto__" key ever setting the prototype. */
function setOwn(obj: Record<string | number, unknown>, k: string | number, v: unknown) {
  if (k === "__proto__") Object.defineProperty(obj, k, { value: v, writable: true, enumerable: true, configurable: true });
  else obj[k] = v;
}

function pathOf(base: string, segs: (string | number)[]): string {
  return segs.length ? `${base}/${segs.map(seg).join("/")}` : base;
}

function decoded(s: string): string | undefined {
  try {
    return decodeURIComponent(s.replace(/\+/g, " "));
  } catch {
    return undefined;
  }
}

/**
 * A query string's raw names and values that are not UTF-8 once percent-decoded (%ED%A0%80, a
 * lone surrogate): the query parser would quietly turn them into U+FFFD.
 */
function undecodableQuery(req: Request, out: FieldError[]) {
  const i = req.url.indexOf("?");
  if (i < 0) return;
  const raw = req.url.slice(i + 1);
  if (!raw.includes("%")) return;
  for (const pair of raw.split("&")) {
    const eq = pair.indexOf("=");
    const [k, v] = eq < 0 ? [pair, ""] : [pair.slice(0, eq), pair.slice(eq + 1)];
    const key = decoded(k);
    if (key === undefined || decoded(v) === undefined) out.push({ path: `/query/${seg(key === undefined ? shownText(k) : shownText(key))}`, code: "malformed_text" });
  }
}

/**
 * What turns a checked request part into what its handler sees: each property whose schema is a
 * Transform (schema-kit Id, Limit: digits to a number) decoded; undefined when there is nothing to
 * decode. Transforms are honoured among the part's own properties only; one placed deeper is refused
 * when the route is declared, rather than reaching a handler undecoded under a decoded type.
 */
export function decoder(schema: TSchema | undefined): ((value: unknown) => unknown) | undefined {
  if (!schema) return undefined;
  const props = (schema.properties ?? {}) as Record<string, TSchema>;
  if (KindGuard.IsTransform(schema) || Object.values(props).some((s) => transformWithin(s, false))) throw new Error("a Transform is decoded only as a property of a request part");
  const at: [string, (v: unknown) => unknown][] = [];
  for (const [k, s] of Object.entries(props)) if (KindGuard.IsTransform(s)) at.push([k, s[TransformKind].Decode]);
  if (!at.length) return undefined;
  return (value) => {
    const out = { ...(value as Record<string, unknown>) };
    for (const [k, decode] of at) if (out[k] !== undefined) out[k] = decode(out[k]);
    return out;
  };
}

function transformWithin(schema: unknown, self = true): boolean {
  if (!schema || typeof schema !== "object") return false;
  if (self && KindGuard.IsTransform(schema)) return true;
  const s = schema as SchemaNode;
  const kids = [...Object.values(s.properties ?? {}), ...(Array.isArray(s.items) ? s.items : s.items ? [s.items] : [])];
  for (const k of ["anyOf", "oneOf", "allOf"]) kids.push(...((s[k] as SchemaNode[] | undefined) ?? []));
  return kids.some((c) => transformWithin(c));
}

/** Both `from` and `to` of a query are dates: a period, which must not run backwards. */
function isPeriod(schema: object | undefined): boolean {
  const props = (schema as { properties?: Record<string, { pattern?: string }> } | undefined)?.properties;
  return props?.from?.pattern === CALENDAR_DATE_PATTERN && props?.to?.pattern === CALENDAR_DATE_PATTERN;
}

/**
 * A request's params, query and body checked against their schemas: the ValidationError (400) with
 * every field error, a 422 period_reversed for a query period whose `from` is after its `to`, or
 * undefined when they hold. Every string in them is checked to be well-formed text and put in NFC
 * (the handler sees the normalised values).
 */
export function validator(schemas: Schemas): (req: Request) => AppError | undefined {
  // Compiled once, when the route is declared, never per request.
  const parts = (["params", "query", "body"] as const).map((p) => [p, schemas[p] ? compiled(schemas[p]!) : undefined] as const);
  const period = isPeriod(schemas.query);
  return (req) => {
    const errors: FieldError[] = [];
    for (const [part, fn] of parts) {
      let value: unknown = req[part];
      if (part === "query") {
        if (!req.url.includes("?")) value = {};
        else {
          // express parses the query afresh at every read: the checked copy is the one read from here on.
          value = { ...(value as object) };
          Object.defineProperty(req, "query", { value, writable: true, enumerable: true, configurable: true });
          undecodableQuery(req, errors);
        }
      }
      if (value === undefined) {
        if (!fn) continue;
        value = {};
      }
      const scan: TextScan = { errors: [], lineBreaks: [] };
      scanText(value, prefix(part), [], scan);
      errors.push(...scan.errors);
      for (const p of scan.lineBreaks) if (!allowsLines(schemas[part] as SchemaNode | undefined, segsOf(p))) errors.push({ path: `${prefix(part)}${p}`, code: "malformed_text" });
      // ajv wants plain objects; express's params are null-prototype ones
      if (fn && !fn(part === "params" ? { ...(value as object) } : value)) errors.push(...fieldErrors(part, fn.errors));
    }
    if (errors.length) return new ValidationError(errors);
    if (period) {
      const { from, to } = req.query as { from?: string; to?: string };
      if (from !== undefined && to !== undefined && from > to) return new RuleViolation("period_reversed", { from, to });
    }
    return undefined;
  };
}
