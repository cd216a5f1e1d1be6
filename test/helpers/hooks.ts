import { dropAll, dropRun } from "./db";

// Root hooks (loaded by .mocharc): each test's databases are closed (SQLite files removed) after
// it; the run's PostgreSQL database is dropped at the very end.
export const mochaHooks = {
  async afterEach() {
    await dropAll();
  },
  async afterAll() {
    await dropRun();
  },
};
