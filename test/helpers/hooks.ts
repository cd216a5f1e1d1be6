import { runClosers } from "./cleanup";
import { dropAll, dropRun, dropTempDir } from "./db";

// Root hooks (loaded by .mocharc): each test's databases are closed (SQLite files removed) after
// it; what a file shared (a browser) is closed after the file. Run serially, the run's PostgreSQL
// database is dropped at the very end. Run in parallel (test/run-all.sh: mocha --parallel), these
// afterAll hooks run after each file in a worker that goes on to the next file: its database
// stays until the worker exits, and run-all.sh drops the workers' databases after the run.
export const mochaHooks = {
  async afterEach() {
    await dropAll();
  },
  async afterAll(this: Mocha.Context) {
    // DROP DATABASE ... WITH (FORCE) of a whole run can take a while on a busy machine.
    this.timeout(180_000);
    await runClosers();
    if (process.env.MOCHA_WORKER_ID === undefined) await dropRun();
    else await dropAll();
  },
};

// A parallel worker's temporary files go when it exits (synchronously: nothing async runs then).
if (process.env.MOCHA_WORKER_ID !== undefined) process.once("exit", dropTempDir);
