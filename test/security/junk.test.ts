import { expect } from "chai";
import knex from "knex";
import { createApp } from "../../src/app";
import { loadConfig } from "../../src/config";
import { silentLogger } from "../../src/http/logger";
import type { RouteDef } from "../../src/http/route";
import { ajv } from "../../src/http/validation";
import { fixedClock } from "../../src/shared/dates";
import { rowCounts, testApp } from "../helpers/app";
import { atFileEnd } from "../helpers/cleanup";
import { world } from "../helpers/given";
import type { Caller, Case } from "../helpers/authz";
import { key, MATRIX, resolve } from "./route-cases";

// Junk for every field of every route that takes a JSON body, walked from the route table: a wrong
// type, a string past its limit, an unknown field, deep nesting, a body that is not JSON, a body
// sent as another content type, an array where an object belongs. Each is a 4xx problem+json,
// never a 500, and nothing is written. The request is sent as a caller the route lets in (from its
// case in test/<module>/authz-cases.ts), so the junk meets the validation, not the access check.

type Schema = { type?: string | string[]; properties?: Record<string, Schema>; items?: Schema; anyOf?: Schema[]; oneOf?: Schema[]; maxLength?: number; const?: unknown; enum?: unknown[] };

/** Who to send the junk as: the first caller the route answers with a 2xx. */
const PREFERRED: Caller[] = ["treasurerA", "headA", "communeAdmin", "root", "inspector", "none", "treasurerB"];
const callerFor = (c: Case) => PREFERRED.find((who) => c.expect[who] < 300);

function typesOf(s: Schema): Set<string> {
  const out = new Set<string>();
  for (const t of [s.type ?? []].flat()) out.add(t === "integer" ? "number" : t);
  for (const x of [...(s.anyOf ?? []), ...(s.oneOf ?? [])]) for (const t of typesOf(x)) out.add(t);
  if (s.const !== undefined || s.enum) for (const v of [s.const, ...(s.enum ?? [])]) if (v !== undefined) out.add(v === null ? "null" : typeof v);
  return out;
}

/** A value of a JSON type the field does not take. */
function wrongType(s: Schema): unknown {
  const taken = typesOf(s);
  const candidates: [string, unknown][] = [["object", { junk: [1] }], ["number", 12345.5], ["string", "junk"], ["boolean", true], ["array", [[]]]];
  return (candidates.find(([t]) => !taken.has(t)) ?? candidates[0])[1];
}

/** Nested `depth` arrays, as JSON text: more than any schema nests (and than JSON.stringify walks). */
const deep = (depth: number) => "[".repeat(depth) + "1" + "]".repeat(depth);
const DEEP = "\u0001deep\u0001";

interface Junk {
  what: string;
  send: "json" | "raw";
  body: unknown;
  contentType?: string;
  /** The one status this junk must get (otherwise any 4xx). */
  status?: number;
}

/** Every leaf path of the schema (object properties, an array's items as index 0), with its schema. */
function fields(s: Schema, at: (string | number)[] = [], out: { path: (string | number)[]; schema: Schema }[] = []) {
  for (const [k, p] of Object.entries(s.properties ?? {})) {
    out.push({ path: [...at, k], schema: p });
    const inner = [p, ...(p.anyOf ?? [])];
    for (const x of inner) {
      if (x.properties) fields(x, [...at, k], out);
      if (x.items?.properties) fields(x.items, [...at, k, 0], out);
    }
  }
  return out;
}

/** `body` with `value` at `path` (a copy; missing objects and arrays along the way are made). */
function withValue(body: unknown, path: (string | number)[], value: unknown): unknown {
  const root = structuredClone(body ?? {}) as any;
  let o = root;
  for (let i = 0; i < path.length - 1; i++) {
    const k = path[i];
    if (o[k] === null || typeof o[k] !== "object") o[k] = typeof path[i + 1] === "number" ? [] : {};
    o = o[k];
  }
  o[path[path.length - 1]] = value;
  return root;
}

/** The body as JSON text with one more key written as is (JSON.stringify drops a "__proto__" key). */
function withKey(base: unknown, name: string, json: string): string {
  const rest = JSON.stringify(base ?? {}).slice(1);
  return `{${JSON.stringify(name)}:${json}${rest === "}" ? "" : ","}${rest}`;
}

function junkFor(schema: Schema, base: unknown): Junk[] {
  const out: Junk[] = [
    { what: "a body that is not JSON", send: "raw", body: '{"not json', contentType: "application/json", status: 400 },
    { what: "JSON sent as text/plain", send: "raw", body: JSON.stringify(base ?? {}), contentType: "text/plain", status: 415 },
    { what: "JSON sent as a form", send: "raw", body: "a=1&b=2", contentType: "application/x-www-form-urlencoded", status: 415 },
    { what: "an array where an object belongs", send: "json", body: [base ?? {}] },
    { what: "a bare string where an object belongs", send: "json", body: "junk" },
    { what: "an unknown field", send: "json", body: { ...(base as object), zzUnknownField: "x" } },
    { what: "a __proto__ key", send: "raw", body: withKey(base, "__proto__", '{"isAdmin":true}'), contentType: "application/json" },
    { what: "a body past the size limit", send: "raw", body: JSON.stringify({ ...(base as object), zz: "x".repeat(1_100_000) }), contentType: "application/json", status: 413 },
  ];
  for (const f of fields(schema)) {
    const name = f.path.join("/");
    out.push({ what: `${name}: a wrong type`, send: "json", body: withValue(base, f.path, wrongType(f.schema)) });
    out.push({ what: `${name}: deep nesting`, send: "raw", contentType: "application/json", body: JSON.stringify(withValue(base, f.path, DEEP)).replace(`"${DEEP}"`, deep(5000)) });
    const types = typesOf(f.schema);
    if (types.has("string") && f.schema.maxLength !== undefined) {
      out.push({ what: `${name}: one character past maxLength`, send: "json", body: withValue(base, f.path, "x".repeat(f.schema.maxLength + 1)) });
    }
    if (types.has("string")) out.push({ what: `${name}: a 200 KB string`, send: "json", body: withValue(base, f.path, "x".repeat(200_000)) });
  }
  return out;
}

/** The routes with a JSON body schema. */
const bodyRoutes = (routes: RouteDef[]) => routes.filter((r) => r.body && !r.upload && r.method !== "get");

describe("security: junk in every JSON body", () => {
  it("when the app is built, then every route with a JSON body has a case to send its junk with, as a caller it lets in", async () => {
    const t = await testApp();
    const missing = bodyRoutes(t.app.locals.routes).map(key).filter((k) => !MATRIX[k] || !callerFor(MATRIX[k]));
    expect(missing, "add a case with a caller answered 2xx in test/<module>/authz-cases.ts").to.deep.equal([]);
  });

  for (const r of bodyRoutes(routeTable())) {
    it(`when junk is sent to ${key(r)}, then each is a 4xx problem+json and nothing is written`, async () => {
      const t = await testApp();
      const w = await world(t); // every kind of person: the route is called as one it lets in
      const c = MATRIX[key(r)];
      const who = c && callerFor(c);
      expect(who, `${key(r)} has no case with a caller it lets in`).to.not.equal(undefined);
      const { url, query, body, token } = await resolve(t, w, r, c, who!, w.hamletA);
      // The junk is measured against a body the route accepts: each refusal is the junk's doing.
      const valid = ajv.compile(r.body!);
      expect(valid(structuredClone(body ?? {})), `${key(r)}: its case's body passes the schema: ${JSON.stringify(valid.errors)}`).to.equal(true);
      const junk = junkFor(r.body as Schema, body);
      expect(junk.length).to.be.at.least(10);
      const before = await rowCounts(t.db);
      const wrong: string[] = [];
      for (const j of junk) {
        let req = t.api[r.method](url);
        if (token) req = req.set("Authorization", `Bearer ${token}`);
        if (query) req = req.query(query);
        req = j.send === "raw" ? req.set("Content-Type", j.contentType!).send(j.body as string) : req.set("Content-Type", "application/json").send(JSON.stringify(j.body));
        const res = await req;
        const problem = /^application\/problem\+json/.test(String(res.headers["content-type"])) && res.body?.status === res.status && typeof res.body?.code === "string";
        if (res.status < 400 || res.status >= 500 || !problem || (j.status && res.status !== j.status)) wrong.push(`${j.what}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      }
      expect(wrong, key(r)).to.deep.equal([]);
      expect(await rowCounts(t.db), `${key(r)}: nothing written`).to.deep.equal(before);
    });
  }
});

/**
 * The route table, read once when this file loads (so that each route is a test of its own) from an
 * app over a database handle that never connects: building routes opens nothing.
 */
function routeTable(): RouteDef[] {
  const db = knex({ client: "sqlite3", connection: { filename: ":memory:" }, useNullAsDefault: true, pool: { min: 0, max: 1 } });
  const app = createApp({ db, config: loadConfig({ LOG_LEVEL: "silent", DEMO_DATA: "false" }), clock: fixedClock("2025-06-15T03:00:00.000Z"), logger: silentLogger });
  atFileEnd(() => db.destroy());
  return app.locals.routes;
}
