import sqlite3 from "sqlite3";

/**
 * SQLite in WAL mode: copies committed pages from the WAL back into the database file on a
 * connection of its own, in the background, so that no request's commit pays for it. SQLite's own
 * automatic checkpoint runs inside whichever commit crosses 1,000 WAL pages, so that commit (and a
 * single entry posted at that moment) would wait for the copy. PASSIVE never waits for readers or writers and never blocks them; what it
 * cannot copy now it copies on a later turn. The writer keeps an automatic checkpoint at a larger
 * WAL as a safety net (see createDb).
 */
export function startCheckpointer(filename: string, everyMs = 1000): () => Promise<void> {
  let conn: sqlite3.Database | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  const open = () =>
    new Promise<sqlite3.Database>((resolve, reject) => {
      const c = new sqlite3.Database(filename, sqlite3.OPEN_READWRITE, (err) => (err ? reject(err) : resolve(c)));
    });
  const tick = async () => {
    try {
      conn ??= await open();
      if (stopped) return;
      const c = conn;
      await new Promise<void>((resolve) => c.run("PRAGMA wal_checkpoint(PASSIVE)", () => resolve()));
    } catch {
      // The file is not there yet or has gone (a test's database removed): try again next turn.
      conn = undefined;
    }
  };
  const timer = setInterval(() => {
    if (!running && !stopped) running = tick().finally(() => (running = undefined));
  }, everyMs);
  timer.unref(); // never what keeps a finished process alive
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
    const c = conn;
    conn = undefined;
    if (c) await new Promise<void>((resolve) => c.close(() => resolve()));
  };
}
