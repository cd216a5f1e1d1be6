import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import type { RouteDef } from "../../src/http/route";
import type { Caller, Case } from "../helpers/authz";
import { testApp } from "../helpers/app";
import { CASES as CROSS_UNIT, ID_FIELDS } from "./cross-unit-cases";
import { key, MATRIX } from "./route-cases";

// The attack suite's own check: every route of the table has what each attack that applies to it
// needs, so adding a route without its cases fails here, with the list of what is missing, even
// when the attack file itself would only skip it; and every attack file is described in README.md.

/** Some caller's expected status passes `ok`: junk is sent as one answered 2xx, broken uploads as one let past access. */
const admitted = (c: Case | undefined, ok: (status: number) => boolean) => Boolean(c && (Object.keys(c.expect) as Caller[]).some((who) => ok(c.expect[who])));
const success = (s: number) => s < 300;
const pastAccess = (s: number) => ![401, 403, 404].includes(s);

/** The id fields of a schema, as cross-unit.test.ts finds them (a field named *Id or *Ids, or one of ID_FIELDS). */
function hasIdField(schema: any): boolean {
  if (!schema || typeof schema !== "object") return false;
  for (const [name, sub] of Object.entries<any>(schema.properties ?? {})) if (/Ids?$/.test(name) || ID_FIELDS.includes(name) || hasIdField(sub)) return true;
  return hasIdField(schema.items) || ["anyOf", "oneOf", "allOf"].some((k) => (schema[k] ?? []).some(hasIdField));
}

/** What each attack needs of a route, or undefined when it does not apply. */
const NEEDS: Record<string, (r: RouteDef) => string | undefined> = {
  "roles.test.ts": (r) => (MATRIX[key(r)] ? undefined : "a case in test/<module>/authz-cases.ts"),
  "junk.test.ts": (r) => (r.body && !r.upload && !admitted(MATRIX[key(r)], success) ? "a case whose expected statuses admit some caller (2xx), to send junk as" : undefined),
  "uploads.test.ts": (r) => (r.upload && !admitted(MATRIX[key(r)], pastAccess) ? "a case with some caller let past the access check, to upload as" : undefined),
  "cross-unit.test.ts": (r) => ((hasIdField(r.body) || hasIdField(r.query)) && !CROSS_UNIT[key(r)] ? "a case in test/security/cross-unit-cases.ts" : undefined),
};

describe("security: the attack suite covers the route table", () => {
  it("when a route is in the table, then every attack that applies to it has its case", async () => {
    const t = await testApp();
    const routes: RouteDef[] = t.app.locals.routes;
    const missing: string[] = [];
    for (const r of routes) for (const [suite, need] of Object.entries(NEEDS)) {
      const what = need(r);
      if (what) missing.push(`${key(r)}: ${suite} needs ${what}`);
    }
    expect(missing).to.deep.equal([]);
    // Each attack applies somewhere: a rule that matches no route would check nothing.
    expect(routes.filter((r) => r.body && !r.upload).length).to.be.above(20);
    expect(routes.filter((r) => r.upload).length).to.be.above(0);
    expect(routes.filter((r) => hasIdField(r.body) || hasIdField(r.query)).length).to.be.above(10);
  });

  it("when an attack file is in test/security, then README.md there says what it proves, and names no file that is gone", () => {
    const dir = __dirname;
    const readme = fs.readFileSync(path.join(dir, "README.md"), "utf8");
    const files = fs.readdirSync(dir).filter((f) => f.endsWith(".test.ts"));
    const named = new Set([...readme.matchAll(/`([a-z0-9-]+\.test\.ts)`/g)].map((m) => m[1]));
    expect(files.filter((f) => !named.has(f)), "test files README.md does not describe").to.deep.equal([]);
    expect([...named].filter((f) => !files.includes(f)), "README.md names files that do not exist").to.deep.equal([]);
  });
});
