import type { Knex } from "knex";
import type { Config } from "./config";
import { migrate } from "./db/migrate";
import type { Logger } from "./http/logger";
import { countUnits, countUsers, createFirstAdmin, generatePassword, systemActor } from "./identity";
import type { Clock } from "./shared/dates";
import { seedDemo } from "../seeds/demo";

/**
 * Brings a database to life: migrate; on a new, empty database the configured admin and (unless
 * DEMO_DATA=false) the demo data; a database that already has data is never seeded again.
 */
export async function prepareDatabase(db: Knex, config: Readonly<Config>, clock: Clock, logger: Logger): Promise<{ generatedPassword?: string }> {
  await migrate(db);
  const at = clock.now().toISOString();
  const actor = systemActor(at, "start-up");
  const empty = (await countUsers(db)) === 0 && (await countUnits(db)) === 0;
  if ((await countUsers(db)) === 0 && config.adminUsername && config.adminPassword) {
    await db.transaction((trx) =>
      createFirstAdmin(trx, actor, { username: config.adminUsername!, displayName: "Quản trị viên", password: config.adminPassword! }, config.scryptCost),
    );
    logger.info("created the configured admin", { username: config.adminUsername });
  }
  if (empty && config.demoData) {
    await db.transaction((trx) => seedDemo(trx, { at, scryptCost: config.scryptCost }));
    logger.info("loaded the demo data (DEMO_DATA=false to start empty)");
  }
  if ((await countUsers(db)) === 0) {
    const password = generatePassword();
    await db.transaction((trx) => createFirstAdmin(trx, actor, { username: "admin", displayName: "Quản trị viên", password }, config.scryptCost));
    return { generatedPassword: password };
  }
  return {};
}
