import { restoreBackup, RestoreRefused } from "../backup/restore";

// npm run restore -- --from DIR/fund-… --to sqlite:PATH|postgres://… [--files-to DIR] [--force]
//   [--expect-heads FILE] [--accept-rollback]
// Exit status 0 only when the copy is whole: files as the manifest says, every chain verified, and
// no unit behind the heads it was told to expect (unless --accept-rollback).
const USAGE =
  "usage: npm run restore -- --from DIR/fund-YYYYMMDD-HHMMSS --to sqlite:PATH|postgres://URL [--files-to DIR] [--force] [--expect-heads FILE] [--accept-rollback]\n";

function parse(argv: string[]) {
  const o: { from?: string; to?: string; filesTo?: string; expectHeads?: string; force: boolean; acceptRollback: boolean } = { force: false, acceptRollback: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new RestoreRefused(`${a} needs a value`);
      return v;
    };
    if (a === "--from") o.from = value();
    else if (a === "--to") o.to = value();
    else if (a === "--files-to") o.filesTo = value();
    else if (a === "--expect-heads") o.expectHeads = value();
    else if (a === "--force") o.force = true;
    else if (a === "--accept-rollback") o.acceptRollback = true;
    else throw new RestoreRefused(`unknown argument ${a}`);
  }
  if (!o.from || !o.to) throw new RestoreRefused("--from and --to are required");
  return { ...o, from: o.from, to: o.to };
}

async function main() {
  let opts;
  try {
    opts = parse(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  const report = await restoreBackup(opts);
  for (const u of report.units) process.stdout.write(`${u.code.padEnd(12)} ${u.head.padEnd(72)} ${u.verify}\n`);
  for (const r of report.rollbacks) process.stdout.write(`${r}${opts.acceptRollback ? " (accepted: --accept-rollback)" : ""}\n`);
  if (!report.ok) {
    process.stderr.write(`restore NOT whole:\n  ${report.problems.join("\n  ")}\n`);
    process.exit(1);
  }
  process.stdout.write(`restored to ${opts.to.replace(/\/\/[^@/]*@/, "//…@")}: whole, ${report.units.length} units verified\n`);
}

main().catch((err) => {
  process.stderr.write(`restore refused: ${(err as Error)?.message ?? err}\n`);
  process.exit(1);
});
