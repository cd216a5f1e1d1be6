import { expect } from "chai";
import type { RouteDef } from "../../src/http/route";
import { rowCounts, testApp, TestApp } from "../helpers/app";
import { world, World } from "../helpers/given";
import { CASES, CrossCase, Foreign, foreignThings, ID_FIELDS, Own, ownThings, X } from "./cross-unit-cases";

// References stay in their unit: for every id a route's body or query names (found in the route
// table's schemas, so a new route or field is covered without editing this file), another unit's
// id of the same kind is refused with 404 not_found naming the entity, and nothing is written.
// Cases (a valid request per route) live in cross-unit-cases.ts; a field without one fails here.

const key = (r: RouteDef) => `${r.method.toUpperCase()} ${r.path}`;
const isIdField = (name: string) => /Ids?$/.test(name) || ID_FIELDS.includes(name);

/** Paths of the id fields of a schema ("body/entries/*\/householdId"), through objects, arrays and unions. */
function idFields(schema: any, at: string, out: Set<string>): Set<string> {
  if (!schema || typeof schema !== "object") return out;
  if (schema.properties) {
    for (const [name, sub] of Object.entries<any>(schema.properties)) {
      if (isIdField(name)) out.add(`${at}/${name}`);
      idFields(sub, `${at}/${name}`, out);
    }
  }
  if (schema.items) idFields(schema.items, `${at}/*`, out);
  for (const k of ["anyOf", "oneOf", "allOf"]) for (const sub of schema[k] ?? []) idFields(sub, at, out);
  return out;
}

function routeFields(r: RouteDef): Set<string> {
  const out = new Set<string>();
  idFields(r.body, "body", out);
  idFields(r.query, "query", out);
  return out;
}

/** A case's field ("body/entries/1/householdId") in the schema's terms ("body/entries/*\/householdId"). */
const generic = (field: string) => field.replace(/\/[0-9]+(?=\/)/g, "/*");

/** Sets the value at `field` ("body/a/0/b") in a copy of the request part; an *Ids field gets a one-id list. */
function swap(part: Record<string, unknown>, path: string[], value: number): Record<string, unknown> {
  const copy: any = structuredClone(part);
  let o = copy;
  for (const p of path.slice(0, -1)) {
    if (o[p] === undefined) o[p] = {};
    o = o[p];
  }
  const last = path[path.length - 1];
  o[last] = Array.isArray(o[last]) || /Ids$/.test(last) || last === "documents" ? [value] : value;
  return copy;
}

function send(t: TestApp, w: World, r: RouteDef, c: CrossCase, req: { params: Record<string, string | number>; query?: Record<string, unknown>; body?: Record<string, unknown> }) {
  const path = r.path.replace(/:(\w+)/g, (_m, name: string) => {
    if (req.params[name] === undefined) throw new Error(`${key(r)}: the case gives no value for :${name}`);
    return encodeURIComponent(String(req.params[name]));
  });
  let q = t.api[r.method](`/api/v1${path}`).set("Authorization", `Bearer ${w[c.as].token}`);
  if (req.query) q = q.query(req.query);
  if (req.body) q = q.send(req.body);
  return q;
}

describe("security: references stay in their unit (every id field of the route table)", () => {
  it("when the app is built, then every id field of every route's body and query has a cross-unit case, and every case a field", async () => {
    const t = await testApp();
    const routes: RouteDef[] = t.app.locals.routes;
    const missing: string[] = [];
    for (const r of routes) {
      const have = new Set(Object.keys(CASES[key(r)]?.fields ?? {}).map(generic));
      for (const f of routeFields(r)) if (!have.has(f)) missing.push(`${key(r)} ${f}`);
    }
    expect(missing, "add a case to test/security/cross-unit-cases.ts").to.deep.equal([]);
    const stale = Object.entries(CASES).flatMap(([k, c]) => {
      const r = routes.find((x) => key(x) === k);
      if (!r) return [`${k}: no such route`];
      const fields = routeFields(r);
      return Object.keys(c.fields).filter((f) => !fields.has(generic(f))).map((f) => `${k} ${f}: no such id field`);
    });
    expect(stale).to.deep.equal([]);
  });

  for (const [name, c] of Object.entries(CASES)) {
    it(`when ${name} names another unit's id in any of its id fields, then it is 404 not_found naming the entity and nothing is written`, async () => {
      const t = await testApp({ env: { PUBLIC_BASE_URL: "https://soquy.example.vn" } });
      const w = await world(t); // every kind of person: the cases name their callers
      const own: Own = await ownThings(t, w);
      const foreign: Foreign = await foreignThings(t, w);
      const r = (t.app.locals.routes as RouteDef[]).find((x) => key(x) === name)!;
      expect(r, name).to.not.equal(undefined);
      let n = 10;
      const build = async (field: string) => {
        const x: X = { t, w, own, n: ++n };
        const v = c.variant ? await c.variant(x, field) : {};
        return {
          params: { unitId: w.hamletA, ...(c.params ? await c.params(x) : {}), ...v.params },
          query: v.query ?? c.query?.(x),
          body: v.body ?? c.body?.(x),
        };
      };
      for (const [field, { entity, foreign: which }] of Object.entries(c.fields)) {
        const req = await build(field);
        const [part, ...path] = field.split("/");
        const bad = { ...req, [part]: swap((req as any)[part] ?? {}, path, foreign[which]) };
        const before = await rowCounts(t.db);
        const res = await send(t, w, r, c, bad);
        expect([res.status, res.body.code, res.body.entity], `${name} ${field}: ${JSON.stringify(res.body)}`).to.deep.equal([404, "not_found", entity]);
        expect(await rowCounts(t.db), `${name} ${field}`).to.deep.equal(before);
        // The same request with the unit's own id is answered: the refusal was about the id.
        const good = await send(t, w, r, c, await build(field));
        expect(good.status, `${name} ${field} with the unit's own ids: ${JSON.stringify(good.body)}`).to.be.within(200, 299);
      }
    });
  }
});
