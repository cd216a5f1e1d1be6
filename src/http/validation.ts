import Ajv, { ErrorObject, ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import type { Request } from "express";
import { ValidationError, FieldError } from "../shared/errors";

// One ajv for the whole process: strict, every error, no coercion and no silent removal, so an
// unknown field is a 400 rather than quietly dropped (TOOLCHAIN: ajv traps).
export const ajv = new Ajv({ allErrors: true, strict: true, coerceTypes: false, useDefaults: false });
addFormats(ajv);

function fieldErrors(part: string, errors: ErrorObject[] | null | undefined): FieldError[] {
  return (errors ?? []).map((e) => {
    let path = e.instancePath;
    if (e.keyword === "required") path += `/${(e.params as { missingProperty: string }).missingProperty}`;
    if (e.keyword === "additionalProperties") path += `/${(e.params as { additionalProperty: string }).additionalProperty}`;
    return { path: `${part === "body" ? "" : `/${part}`}${path}` || "/", code: e.keyword, params: e.params };
  });
}

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

/**
 * Paths of strings holding U+0000. PostgreSQL cannot store it in text (the query fails, a 500) while
 * SQLite would, so the one answer on both engines is a 400 here, for every route at once.
 */
function nulPaths(value: unknown, path: string, out: FieldError[]): void {
  walkNul(value, path, [], out);
}

// The path is built only where a NUL is found: a 1,000-entry batch is ~10,000 values, and a path
// string (and an entries array) for each was a tenth of what such a request allocates.
function walkNul(value: unknown, base: string, segs: (string | number)[], out: FieldError[]): void {
  if (out.length >= 20) return;
  if (typeof value === "string") {
    if (value.includes("\u0000")) out.push({ path: pathOf(base, segs) || "/", code: "nul_character" });
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      segs.push(i);
      walkNul(value[i], base, segs, out);
      segs.pop();
    }
  } else if (value && typeof value === "object") {
    for (const k in value) {
      if (!Object.hasOwn(value, k)) continue;
      if (k.includes("\u0000")) out.push({ path: pathOf(base, [...segs, k.replace(/\u0000/g, "")]), code: "nul_character" });
      segs.push(k);
      walkNul((value as Record<string, unknown>)[k], base, segs, out);
      segs.pop();
    }
  }
}

function pathOf(base: string, segs: (string | number)[]): string {
  return segs.length ? `${base}/${segs.join("/")}` : base;
}

/**
 * A request's params, query and body checked against their schemas: the ValidationError (400) with
 * every field error, or undefined when they hold.
 */
export function validator(schemas: Schemas): (req: Request) => ValidationError | undefined {
  // Compiled once, when the route is declared, never per request.
  const parts = (["params", "query", "body"] as const)
    .filter((p) => schemas[p])
    .map((p) => [p, compiled(schemas[p]!)] as const);
  if (!parts.length) return () => undefined;
  return (req) => {
    const errors: FieldError[] = [];
    for (const [part, fn] of parts) {
      let value: unknown = (req as any)[part];
      // express gives query/params as null-prototype objects; ajv wants plain ones
      if (part !== "body") value = { ...(value as object) };
      if (part === "body" && value === undefined) value = {};
      if (!fn(value)) errors.push(...fieldErrors(part, fn.errors));
      else nulPaths(value, part === "body" ? "" : `/${part}`, errors);
    }
    return errors.length ? new ValidationError(errors) : undefined;
  };
}

