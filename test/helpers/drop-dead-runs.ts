import { dropDeadRuns, dropTempDir } from "./db";

// Called by test/run-all.sh after the PostgreSQL run: the parallel workers' databases go.
dropDeadRuns()
  .then((n) => {
    dropTempDir();
    if (n) process.stdout.write(`dropped ${n} test database(s) of finished workers\n`);
  })
  .catch((err) => {
    process.stderr.write(`could not drop the test databases: ${err?.message ?? err}\n`);
  });
