import express from "express";
import sqlite3 from "sqlite3";

// The ledger's yardstick: express + sqlite3 and nothing else. One route inserts what a 2-posting
// entry inserts (1 entry row, 2 posting rows) in one transaction per request, with the app's
// pragmas (WAL, synchronous NORMAL). Requests queue for the one connection, like the app's pool of 1.
// Run by bench/ledger.ts: DB=<file> PORT=0 node --import tsx bench/bare-server.ts

const db = new sqlite3.Database(process.env.DB ?? ":memory:");
const run = (sql: string, params: unknown[] = []) =>
  new Promise<number>((resolve, reject) => db.run(sql, params, function (err) { return err ? reject(err) : resolve(this.lastID); }));
const exec = (sql: string) => new Promise<void>((resolve, reject) => db.exec(sql, (err) => (err ? reject(err) : resolve())));

let queue: Promise<unknown> = Promise.resolve();
function inTransaction<T>(work: () => Promise<T>): Promise<T> {
  const p = queue.then(async () => {
    await run("BEGIN IMMEDIATE");
    try {
      const out = await work();
      await run("COMMIT");
      return out;
    } catch (err) {
      await run("ROLLBACK");
      throw err;
    }
  });
  queue = p.catch(() => undefined);
  return p;
}

const app = express();
app.post("/entries", express.json(), async (req, res) => {
  const b = req.body as { date: string; kind: string; description: string; postings: { account: string; amount: string }[] };
  const id = await inTransaction(async () => {
    const entryId = await run("INSERT INTO entries (entry_date, kind, description, created_at) VALUES (?, ?, ?, ?)", [b.date, b.kind, b.description, new Date().toISOString()]);
    for (const p of b.postings) await run("INSERT INTO postings (entry_id, account, amount) VALUES (?, ?, ?)", [entryId, p.account, p.amount]);
    return entryId;
  });
  res.status(201).json({ id });
});

exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;
  CREATE TABLE IF NOT EXISTS entries (id INTEGER PRIMARY KEY, entry_date TEXT NOT NULL, kind TEXT NOT NULL, description TEXT NOT NULL, created_at TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS postings (id INTEGER PRIMARY KEY, entry_id INTEGER NOT NULL REFERENCES entries(id), account TEXT NOT NULL, amount INTEGER NOT NULL);`)
  .then(() => {
    const server = app.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
      const addr = server.address();
      process.stdout.write(`listening on http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}\n`);
    });
    process.on("SIGTERM", () => server.close(() => db.close(() => process.exit(0))));
  });
