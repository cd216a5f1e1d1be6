import { dropAll } from "./db";

// Root hooks (loaded by .mocharc): each test's databases are closed and removed after it.
export const mochaHooks = {
  async afterEach() {
    await dropAll();
  },
};
