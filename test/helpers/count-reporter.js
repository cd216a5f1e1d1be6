// Spec output plus one plain closing line "N passed, N failed, N skipped" (TOOLCHAIN: a CI log
// must tell a run that tested nothing from one that passed). With COUNT_FILE set, the counts and
// the failures' titles and first error lines are also written there, so test/run-all.sh can add
// up the SQLite and PostgreSQL runs and repeat the failures at the very end of the log (a CI log
// is often read from its tail only).
const fs = require("node:fs");
const Mocha = require("mocha");
const { EVENT_RUN_END, EVENT_TEST_FAIL } = Mocha.Runner.constants;

class CountReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const failed = [];
    runner.on(EVENT_TEST_FAIL, (test, err) => {
      const title = typeof test.fullTitle === "function" ? test.fullTitle() : String(test.title);
      const file = test.file ? ` (${require("node:path").relative(process.cwd(), test.file)})` : "";
      const message = String((err && (err.message || err)) || "").split("\n").slice(0, 6).join("\n      ");
      failed.push(`${title}${file}\n      ${message}`);
    });
    runner.once(EVENT_RUN_END, () => {
      const s = runner.stats || {};
      const line = `${s.passes || 0} passed, ${s.failures || 0} failed, ${s.pending || 0} skipped`;
      if (process.env.COUNT_FILE) fs.writeFileSync(process.env.COUNT_FILE, JSON.stringify({ passes: s.passes || 0, failures: s.failures || 0, pending: s.pending || 0, failed }));
      process.stdout.write(`${process.env.TEST_DB || "sqlite"}: ${line}\n`);
    });
  }
}
module.exports = CountReporter;
