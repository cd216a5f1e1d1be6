import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { PRIVATE, PRIVATE_COLUMNS, REPLICATED } from "../../src/national/tables";

// The schema every migration leads to (npm run schema:dump): each table and column must be
// classified, replicated to the national copy or kept in the province, before it ships.
const schema = fs.readFileSync(path.join(__dirname, "../db/schema.postgres.sql"), "utf8");

interface Column { name: string; required: boolean }
const tables = new Map<string, Column[]>();
for (const m of schema.matchAll(/CREATE TABLE (\w+) \(\n([\s\S]*?)\n\);/g)) {
  const cols = m[2]
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !/^(CONSTRAINT|PRIMARY|UNIQUE|CHECK|FOREIGN)\b/.test(l))
    .map((l) => ({ name: l.split(/\s+/)[0], required: / NOT NULL/.test(l) && !/ DEFAULT /.test(l) }));
  tables.set(m[1], cols);
}

describe("national copy: what is replicated", () => {
  it("reads the tables of the schema", () => {
    expect(tables.size).to.be.greaterThan(50);
  });

  it("every table is replicated or private, never both", () => {
    const unclassified = [...tables.keys()].filter((t) => !(t in REPLICATED) && !(t in PRIVATE));
    expect(unclassified, "classify these tables in src/national/tables.ts").to.deep.equal([]);
    const both = Object.keys(REPLICATED).filter((t) => t in PRIVATE);
    expect(both).to.deep.equal([]);
    const gone = [...Object.keys(REPLICATED), ...Object.keys(PRIVATE)].filter((t) => !tables.has(t));
    expect(gone, "tables listed that the schema no longer has").to.deep.equal([]);
  });

  it("every column of a replicated table is replicated or kept back", () => {
    const problems: string[] = [];
    for (const [table, sent] of Object.entries(REPLICATED)) {
      const kept = PRIVATE_COLUMNS[table] ?? [];
      for (const c of tables.get(table) ?? []) {
        const isSent = sent.includes(c.name);
        if (isSent === kept.includes(c.name)) problems.push(`${table}.${c.name}`);
        // The national copy is the same schema: a column not sent arrives empty, so it must allow it.
        if (!isSent && c.required) problems.push(`${table}.${c.name} is NOT NULL without a default but not sent`);
      }
      for (const c of [...sent, ...kept]) if (!(tables.get(table) ?? []).some((x) => x.name === c)) problems.push(`${table}.${c} is not in the schema`);
    }
    expect(problems).to.deep.equal([]);
  });

  it("never sends users, sessions, PINs, phone numbers, subscriptions, the outbox or the audit trail", () => {
    for (const t of ["users", "sessions", "subscriptions", "outbox", "outbox_events", "audit_events", "grants", "failed_attempts"]) {
      expect(REPLICATED).not.to.have.property(t);
    }
    const sentColumns = Object.values(REPLICATED).flat();
    for (const c of ["pin_hash", "phone", "password_hash", "token_hash", "contact"]) expect(sentColumns).not.to.include(c);
  });

  it("does not send the rows migrations insert (they exist on both sides)", () => {
    expect(REPLICATED).not.to.have.property("account_templates");
    expect(REPLICATED).not.to.have.property("chart_roles");
  });
});
