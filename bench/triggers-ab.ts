import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { Knex } from "knex";
import { createDb, insertMany, insertRows } from "../src/db/knex";
import { migrationSource } from "../src/db/migrate";

// The database's own cost of posting, two schemas against each other: `before` migrated up to and
// including `--before` (a migration's stamp), `after` to the latest. Each takes 1,000-entry
// statements as the batch route writes them (postings, then entries, one statement each, in one
// transaction), `--rounds` turns of `--per` batches, alternating which goes first, so both see the
// same neighbours. `--campaign` puts half the receipts on a campaign and household (the totals
// trigger). Prints one JSON line per engine. Never run by CI.
//   node --import tsx bench/triggers-ab.ts --before 20251207000500 [--db sqlite|postgres|both] [--rounds 8] [--per 5] [--campaign]

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : dflt);
const BEFORE = opt("before", "");
const ROUNDS = Number(opt("rounds", "8"));
const PER = Number(opt("per", "5"));
const CAMPAIGN = args.includes("--campaign");
// Statements run on the `after` side once migrated (an experiment: one trigger changed by hand).
const AFTER_SQL = opt("after-sql", "");
const ENGINES = opt("db", "both") === "both" ? ["sqlite", "postgres"] : [opt("db", "sqlite")];
const PG_URL = process.env.BENCH_PG_URL || "postgres://postgres@127.0.0.1:5432/test";
const BATCH = 1000;
const AT = "2025-01-01T00:00:00.000Z";
if (!BEFORE) throw new Error("usage: bench/triggers-ab.ts --before <migration stamp>");

const upTo = (stamp?: string): Knex.MigrationSource<string> => ({
  ...migrationSource,
  async getMigrations(loaded) {
    const all = await migrationSource.getMigrations(loaded);
    return stamp ? all.filter((f) => f.slice(0, stamp.length) <= stamp) : all;
  },
});

interface Side { name: string; db: Knex; drop: () => Promise<void>; seq: number; hash: string; vouchers: Record<string, number>; day: number; ms: number[]; cpu: number[]; backend?: number }

/** CPU ms spent so far where the triggers run: this process (SQLite) or the side's backend (PostgreSQL, same machine). */
function cpuMs(s: Side): number {
  if (s.backend === undefined) {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  }
  const f = fs.readFileSync(`/proc/${s.backend}/stat`, "utf8").split(") ")[1].split(" ");
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // utime + stime, in clock ticks of 10 ms
}

async function side(engine: string, name: string, stamp?: string): Promise<Side> {
  let db: Knex;
  let drop: () => Promise<void>;
  if (engine === "sqlite") {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cfl-trig-")), "db.sqlite");
    db = createDb({ client: "sqlite", filename: file });
    drop = async () => { await db.destroy(); fs.rmSync(path.dirname(file), { recursive: true, force: true }); };
  } else {
    const schema = `trig_${name}_${crypto.randomBytes(3).toString("hex")}`;
    const admin = createDb({ client: "postgres", connectionString: PG_URL }, { pool: { min: 0, max: 1 } });
    await admin.raw(`CREATE SCHEMA ${schema}`);
    await admin.destroy();
    db = createDb({ client: "postgres", connectionString: PG_URL, searchPath: schema }, { pool: { min: 1, max: 1 } });
    drop = async () => { await db.raw(`DROP SCHEMA ${schema} CASCADE`); await db.destroy(); };
  }
  await db.migrate.latest({ migrationSource: upTo(stamp) });
  if (name === "after" && AFTER_SQL) for (const sql of AFTER_SQL.split(";;")) await db.raw(sql);
  await db("units").insert({ id: 1, code: "u", name: "Thôn", kind: "hamlet", parent_id: null, path: "/1/", created_at: AT });
  await db("accounts").insert([
    { id: 1, unit_id: 1, code: "111", name: "TM", type: "asset", created_at: AT },
    { id: 2, unit_id: 1, code: "112", name: "NH", type: "asset", created_at: AT },
    { id: 3, unit_id: 1, code: "711", name: "Thu", type: "revenue", created_at: AT },
    { id: 4, unit_id: 1, code: "811", name: "Chi", type: "expense", created_at: AT },
  ]);
  await insertMany(db, "households", Array.from({ length: 1000 }, (_, i) => ({ id: i + 1, unit_id: 1, code: `H-${i + 1}`, head_name: "Hộ", search_text: "h", created_at: AT })));
  await db("campaigns").insert({ id: 1, unit_id: 1, name: "C", purpose: "p", decision_date: "2025-01-01", minutes_ref: "m", households_total: 3, households_present: 3,
    households_agreeing: 2, exempt_categories: "[]", in_kind_values: "[]", start_date: "2025-01-01", revenue_account_id: 3, created_at: AT });
  const backend = engine === "postgres" ? Number((await db.raw("SELECT pg_backend_pid() AS pid")).rows[0].pid) : undefined;
  return { name, db, drop, seq: 0, hash: "0".repeat(64), vouchers: {}, day: 0, ms: [], cpu: [], backend };
}

async function batch(s: Side): Promise<number> {
  const postings: unknown[][] = [];
  const entries: unknown[][] = [];
  const date = new Date(Date.UTC(2025, 0, 1) + Math.floor(s.day++ / 4) * 86_400_000).toISOString().slice(0, 10);
  let id = s.seq;
  for (let i = 0; i < BATCH; i++) {
    const seq = ++s.seq;
    id = seq;
    const r = (seq * 7919) % 10;
    const [series, kind, debit, credit] = r < 7 ? ["PT", "contribution", 1, 3] : r < 9 ? ["PC", "expense", 4, 1] : ["PK", "transfer", 2, 1];
    const number = (s.vouchers[series] = (s.vouchers[series] ?? 0) + 1);
    const hash = crypto.createHash("sha256").update(String(seq)).digest("hex");
    const onCampaign = CAMPAIGN && kind === "contribution" && seq % 2 === 0;
    postings.push([id, 1, debit, 1000 + (seq % 500), date, seq], [id, 1, credit, -(1000 + (seq % 500)), date, seq]);
    entries.push([id, 1, seq, series, 2025, number, `${series}-2025-${String(number).padStart(6, "0")}`, date, kind, "bench", onCampaign ? (seq % 1000) + 1 : null,
      onCampaign ? 1 : null, AT, s.hash, hash]);
    s.hash = hash;
  }
  const t0 = performance.now();
  const c0 = cpuMs(s);
  await s.db.transaction(async (trx) => {
    await insertRows(trx, "postings", ["entry_id", "unit_id", "account_id", "amount", "entry_date", "seq"], postings);
    await insertRows(trx, "entries", ["id", "unit_id", "seq", "voucher_series", "voucher_year", "voucher_number", "voucher_no", "entry_date", "kind", "description",
      "household_id", "campaign_id", "created_at", "prev_hash", "hash"], entries);
  });
  s.cpu.push(cpuMs(s) - c0);
  return performance.now() - t0;
}

async function main() {
  for (const engine of ENGINES) {
    const a = await side(engine, "before", BEFORE);
    const b = await side(engine, "after");
    try {
      await batch(a);
      await batch(b);
      const turns: [number, number][] = [];
      for (let r = 0; r < ROUNDS; r++) {
        const order = r % 2 ? [b, a] : [a, b];
        const t: Record<string, number> = {};
        for (const s of order) {
          let ms = 0;
          for (let i = 0; i < PER; i++) ms += await batch(s);
          s.ms.push(ms);
          t[s.name] = Math.round((PER * BATCH * 1000) / ms);
        }
        turns.push([t.before, t.after]);
      }
      const eps = (s: Side) => Math.round((s.ms.length * PER * BATCH * 1000) / s.ms.reduce((x, y) => x + y, 0));
      const cpu = (x: Side) => Number((x.cpu.slice(2).reduce((p, q) => p + q, 0) / (x.cpu.length - 2)).toFixed(1));
      const ratios = turns.map(([x, y]) => y / x).sort((x, y) => x - y);
      console.log(JSON.stringify({ bench: "triggers-ab", engine, campaign: CAMPAIGN, before: BEFORE, before_eps: eps(a), after_eps: eps(b),
        median_ratio: Number(ratios[Math.floor(ratios.length / 2)].toFixed(3)), cpu_ms_per_batch_before: cpu(a), cpu_ms_per_batch_after: cpu(b), turns, loadavg_1m: os.loadavg()[0] }));
    } finally {
      await a.drop();
      await b.drop();
    }
  }
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
