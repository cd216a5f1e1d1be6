import { loadConfigOrExit } from "../config";
import { createDb } from "../db/knex";
import { provincesOf } from "./registry";
import { addProvince, NationalError } from "./subscribe";
import { dropProvince, statusOf } from "./unsubscribe";

// `npm run national -- …` on the national copy's database (DATABASE_URL):
//   --add postgres://…/<province db> [--public-url https://…] [--name "Tỉnh …"]
//   --status
//   --drop <installation id | province url>
// Exit status: 0 done, 1 refused or failed, 2 wrong arguments.

const USAGE = "usage: npm run national -- --add <province postgres url> [--public-url URL] [--name NAME] | --status | --drop <installation id|province url>";

function args(argv: string[]): Map<string, string | true> {
  const out = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--")) throw new NationalError(USAGE);
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith("--")) {
      out.set(a, next);
      i++;
    } else out.set(a, true);
  }
  return out;
}

async function main(): Promise<number> {
  let a: Map<string, string | true>;
  try {
    a = args(process.argv.slice(2));
  } catch {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const mode = ["--add", "--status", "--drop"].filter((m) => a.has(m));
  const add = a.get("--add");
  const drop = a.get("--drop");
  if (mode.length !== 1 || (mode[0] === "--add" && typeof add !== "string") || (mode[0] === "--drop" && typeof drop !== "string")) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = loadConfigOrExit(process.env);
  if (config.database.client !== "postgres") {
    process.stderr.write("the national copy is a PostgreSQL database: set DATABASE_URL=postgres://…\n");
    return 2;
  }
  const db = createDb(config.database, { pool: { min: 0, max: 2 } });
  try {
    if (typeof add === "string") {
      const publicUrl = a.get("--public-url");
      const name = a.get("--name");
      const p = await addProvince(db, add, { publicUrl: typeof publicUrl === "string" ? publicUrl : undefined, name: typeof name === "string" ? name : undefined, at: new Date().toISOString() });
      process.stdout.write(`added ${p.name} (installation ${p.installationId}, subscription ${p.subscription}${p.publicUrl ? `, ${p.publicUrl}` : ""})\n`);
    } else if (typeof drop === "string") {
      const id = /^[0-9]{1,3}$/.test(drop) ? Number(drop) : (await provincesOf(db)).find((p) => p.conninfo === drop)?.installationId;
      if (id === undefined) throw new NationalError(`no province ${drop} on this national copy`);
      const p = await dropProvince(db, id);
      process.stdout.write(`dropped ${p.name} (installation ${p.installationId}) and its rows on the national copy\n`);
    } else {
      const all = await statusOf(db);
      if (!all.length) process.stdout.write("no province on this national copy\n");
      for (const s of all) {
        const lag = s.lagBytes === null ? "unknown (province unreachable)" : `${s.lagBytes} bytes`;
        const behind = s.lagSeconds === null ? "unknown" : `${s.lagSeconds} s`;
        const heard = s.lastMessageSeconds === null ? "never" : `${s.lastMessageSeconds} s ago`;
        process.stdout.write(`${s.installationId}\t${s.name}\t${s.running ? "replicating" : "STOPPED"}\tbehind ${behind}\tlag ${lag}\tlast message ${heard}\n`);
      }
    }
    return 0;
  } catch (err) {
    process.stderr.write(`national: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  } finally {
    await db.destroy();
  }
}

main().then((code) => process.exit(code));
