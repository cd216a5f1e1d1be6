import type { Deps } from "../deps";
import { route, RouteDef } from "../http/route";
import { Actor, asSystem, findUnit } from "../identity";
import type { Db } from "../db/knex";
import { AppError, ConflictError, ForbiddenError } from "../shared/errors";
import type { Backups } from "./schedule";
import type { AdminStatusWire, BackupsWire, BackupWire } from "./wire";
import "./messages";

// A backup copies every unit's books: only an installation admin or a commune's admin may see the
// list or start one, never a hamlet's admin alone.
async function ensureBackupAdmin(db: Db, actor: Actor): Promise<void> {
  for (const s of actor.scopes) {
    if (s.role !== "admin") continue;
    if (s.unitId === null) return;
    if ((await findUnit(db, s.unitId))?.kind !== "hamlet") return;
  }
  throw new ForbiddenError("forbidden", { needs: ["admin"] });
}

export function backupRoutes(deps: Deps, backups: Backups): RouteDef[] {
  return [
    route({
      method: "get", path: "/admin/status", tag: "admin", summary: "What the installation's own settings put at risk (the web app's banner for admins)", access: ["admin"],
      handler: async (): Promise<AdminStatusWire> => ({ warnings: await deps.installation.warnings(), publicBaseUrl: deps.config.publicBaseUrl }),
    }),
    route({
      method: "get", path: "/admin/backups", tag: "admin", summary: "Backups of the whole installation, newest first, and their schedule", access: ["admin"],
      handler: async ({ actor }): Promise<BackupsWire> => {
        await ensureBackupAdmin(deps.db, actor);
        return { data: backups.list(), schedule: backups.schedule };
      },
    }),
    route({
      method: "post", path: "/admin/backups", tag: "admin", summary: "Back up now (BACKUP_DIR must be set)", access: ["admin"], status: 201,
      handler: async ({ actor }): Promise<BackupWire> => {
        await ensureBackupAdmin(deps.db, actor);
        if (!backups.schedule) throw new ConflictError("backups_not_configured");
        const b = await backups.runNow(asSystem("backup started by an admin"));
        if (!b.ok) throw new AppError(503, "backup_failed", { error: b.error });
        deps.logger.info("backup started by an admin", { by: actor.username, name: b.name });
        return b;
      },
    }),
  ];
}
