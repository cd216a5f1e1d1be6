import type { Knex } from "knex";
import type { Config } from "./config";
import { dialectOf } from "./db/knex";
import { migrate } from "./db/migrate";
import type { Logger } from "./http/logger";
import { countUnits, countUsers, createFirstAdmin, generatePassword, systemActor } from "./identity";
import type { Clock } from "./shared/dates";
import { seedDemo } from "../seeds/demo";
import { scrubStoredImages } from "./works/scrub";
import { applyIdRanges } from "./national/id-ranges";

// Any constant will do: it only has to be the same for every server process on one database.
const FIRST_START_LOCK = 7_202_500_001;

/**
 * Brings a database to life: migrate; on a new, empty database the configured admin and (unless
 * DEMO_DATA=false) the demo data; a database that already has data is never seeded again.
 */
export async function prepareDatabase(db: Knex, config: Readonly<Config>, clock: Clock, logger: Logger): Promise<{ generatedPassword?: string }> {
  await migrate(db);
  // The national read copy is written by replication only: no scrub, no first admin, no demo data.
  if (config.readOnlyCopy) return {};
  if (config.installationId !== undefined) await applyIdRanges(db, config.installationId);
  // Images stored before uploads were re-encoded lose their metadata once (nothing to do afterwards).
  await scrubStoredImages(db, config.filesDir, logger, clock.now().toISOString());
  // Every first-start step depends on there being no user yet; once there is one, nothing to do.
  if ((await countUsers(db)) > 0) return {};
  const at = clock.now().toISOString();
  const actor = systemActor(at, "start-up");
  const done = { admin: false, demo: false, generatedPassword: undefined as string | undefined };
  // One transaction, checked again inside it, so that servers started together on a new database
  // seed it once: the others wait, then find the data. SQLite write transactions begin IMMEDIATE
  // (one writer at a time across processes); PostgreSQL needs a lock for it.
  await db.transaction(async (trx) => {
    if (dialectOf(db) === "postgres") await trx.raw("SELECT pg_advisory_xact_lock(?)", [FIRST_START_LOCK]);
    const users = await countUsers(trx);
    if (users > 0) return;
    const empty = (await countUnits(trx)) === 0;
    if (config.adminUsername && config.adminPassword) {
      await createFirstAdmin(trx, actor, { username: config.adminUsername, displayName: "Quản trị viên", password: config.adminPassword }, config.scryptCost);
      done.admin = true;
    }
    if (empty && config.demoData) {
      await seedDemo(trx, { at, scryptCost: config.scryptCost });
      done.demo = true;
    }
    if ((await countUsers(trx)) === 0) {
      done.generatedPassword = generatePassword();
      await createFirstAdmin(trx, actor, { username: "admin", displayName: "Quản trị viên", password: done.generatedPassword }, config.scryptCost);
    }
  });
  if (done.admin) logger.info("created the configured admin", { username: config.adminUsername });
  if (done.demo) logger.info("loaded the demo data (DEMO_DATA=false to start empty)");
  return { generatedPassword: done.generatedPassword };
}
