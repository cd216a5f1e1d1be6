// Spec output plus one plain closing line "N passed, N failed, N skipped" (TOOLCHAIN: a CI log
// must tell a run that tested nothing from one that passed). With COUNT_FILE set, the counts are
// also written there so test/run-all.sh can add up the SQLite and PostgreSQL runs.
const fs = require("node:fs");
const Mocha = require("mocha");
const { EVENT_RUN_END } = Mocha.Runner.constants;

class CountReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const s = runner.stats || {};
      const line = `${s.passes || 0} passed, ${s.failures || 0} failed, ${s.pending || 0} skipped`;
      if (process.env.COUNT_FILE) fs.writeFileSync(process.env.COUNT_FILE, JSON.stringify({ passes: s.passes || 0, failures: s.failures || 0, pending: s.pending || 0 }));
      process.stdout.write(`${process.env.TEST_DB || "sqlite"}: ${line}\n`);
    });
  }
}
module.exports = CountReporter;
