import { dropAll, dropRun } from "./db";

// Root hooks (loaded by .mocharc): each test's databases are closed (SQLite files removed) after
// it; the run's PostgreSQL database is dropped at the very end.
export const mochaHooks = {
  async afterEach() {
    await dropAll();
  },
  async afterAll(this: Mocha.Context) {
    // DROP DATABASE ... WITH (FORCE) of a whole run can take a while on a busy machine.
    this.timeout(180_000);
    await dropRun();
  },
};
