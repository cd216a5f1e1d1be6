import { expect } from "chai";
import knex from "knex";
import { createApp } from "../../src/app";
import { loadConfig } from "../../src/config";
import { silentLogger } from "../../src/http/logger";
import type { RouteDef } from "../../src/http/route";
import { ajv } from "../../src/http/validation";
import { fixedClock } from "../../src/shared/dates";
import { atFileEnd } from "../helpers/cleanup";

// Entries, postings, contributions and opinions have bigint ids, and a province joined to the
// national copy numbers its new rows from INSTALLATION_ID × 10^12: every route field that names one
// of them must take such an id (a receipt's own link, an entry's page, a finding's evidence), or
// that province's residents and treasurers get a 400 for their own rows. Walked from the route table.

// (postingId on routes is a notice-board posting of a publication, an integer id: not the ledger's postings.)
const BIG = /^(entryId|entryIds|contributionId|contributionIds|opinionId|reversesId)$/;
const BIG_ID = 7_000_000_000_001;

type Schema = { type?: string; properties?: Record<string, Schema>; items?: Schema; anyOf?: Schema[] };

/** Each property of the schema named like a bigint id, with the schema that holds it. */
function bigFields(s: Schema | undefined, path = ""): { path: string; field: Schema; array: boolean }[] {
  if (!s) return [];
  const out: { path: string; field: Schema; array: boolean }[] = [];
  for (const [name, f] of Object.entries(s.properties ?? {})) {
    if (BIG.test(name)) out.push({ path: `${path}/${name}`, field: f, array: f.type === "array" });
    out.push(...bigFields(f, `${path}/${name}`), ...bigFields(f.items, `${path}/${name}/0`));
  }
  for (const a of s.anyOf ?? []) out.push(...bigFields(a, path));
  return out;
}

function routeTable(): RouteDef[] {
  const db = knex({ client: "sqlite3", connection: { filename: ":memory:" }, useNullAsDefault: true, pool: { min: 0, max: 1 } });
  const app = createApp({ db, config: loadConfig({ LOG_LEVEL: "silent", DEMO_DATA: "false" }), clock: fixedClock("2025-06-15T03:00:00.000Z"), logger: silentLogger });
  atFileEnd(() => db.destroy());
  return app.locals.routes;
}

describe("security: ids from a province's range (INSTALLATION_ID × 10^12) are taken wherever a bigint id is named", () => {
  const found: string[] = [];
  for (const r of routeTable()) {
    for (const part of ["params", "query", "body"] as const) {
      for (const { path, field, array } of bigFields(r[part] as Schema | undefined)) {
        const where = `${r.method.toUpperCase()} ${r.path} ${part}${path}`;
        found.push(where);
        it(`${where} takes ${BIG_ID}`, () => {
          // Path and query values arrive as strings, bodies as JSON numbers.
          const one = part === "body" ? BIG_ID : String(BIG_ID);
          const validate = ajv.compile(field);
          expect(validate(array ? [one] : one), JSON.stringify(validate.errors)).to.equal(true);
        });
      }
    }
  }
  it("finds the fields it checks (an entry's page, a receipt's notification, a statement's entry, a finding's evidence)", () => {
    for (const expected of [/GET .*entries\/:entryId params\/entryId/, /contributions\/:contributionId\/notification params\/contributionId/, /query\/entryId/, /body\/evidence\/entryIds/]) {
      expect(found.some((f) => expected.test(f)), `${expected} among ${found.join("; ")}`).to.equal(true);
    }
  });
});
