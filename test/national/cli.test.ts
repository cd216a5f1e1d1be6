import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { expect } from "chai";

// `npm run national`: wrong arguments and a database that cannot be a national copy are told
// before anything is touched (exit status 2).

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, "../..");

async function national(args: string[], env: Record<string, string> = {}) {
  try {
    const r = await run(process.execPath, ["--import", "tsx", "src/national/cli.ts", ...args], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: "silent", ...env } });
    return { code: 0, out: r.stdout, err: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout, err: x.stderr };
  }
}

describe("npm run national: arguments", function () {
  this.timeout(60_000);

  it("wrong or missing arguments print the usage and exit with status 2", async () => {
    for (const args of [[], ["--bogus"], ["--add"], ["--status", "--drop", "3"]]) {
      const r = await national(args);
      expect(r.code, args.join(" ")).to.equal(2);
      expect(r.err).to.contain("usage: npm run national -- --add");
    }
  });

  it("a SQLite DATABASE_URL cannot be a national copy (status 2)", async () => {
    const r = await national(["--status"], { DATABASE_URL: "sqlite:/tmp/none.sqlite" });
    expect(r.code).to.equal(2);
    expect(r.err).to.contain("the national copy is a PostgreSQL database");
  });
});
