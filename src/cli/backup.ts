import { loadConfigOrExit } from "../config";
import { takeBackup } from "../backup/backup";
import { asSystem } from "../identity";

// npm run backup -- --to DIR: a consistent copy of the configured database (DATABASE_URL) and its
// files folder (FILES_DIR), safe while the server is writing.
async function main() {
  const args = process.argv.slice(2);
  const i = args.indexOf("--to");
  const to = i >= 0 ? args[i + 1] : undefined;
  if (!to || args.length !== 2) {
    process.stderr.write("usage: npm run backup -- --to DIR\n");
    process.exit(2);
  }
  const config = loadConfigOrExit(process.env);
  const { dir, manifest } = await takeBackup({ database: config.database, filesDir: config.filesDir }, to, new Date(), asSystem("backup from the command line"));
  process.stdout.write(`backup written to ${dir}\n`);
  for (const u of manifest.units) process.stdout.write(`  ${u.code.padEnd(12)} ${u.chainHead}\n`);
  process.stdout.write(`${manifest.files.length} files, ${manifest.files.reduce((s, f) => s + f.size, 0)} bytes\n`);
}

main().catch((err) => {
  process.stderr.write(`backup failed: ${(err as Error)?.message ?? err}\n`);
  process.exit(1);
});
