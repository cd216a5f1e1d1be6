// What the admin endpoints of the installation itself answer (its status, its backups), as the web
// client reads them. Types only, no imports: the client's compiler reads this file without Node.

/** A setting of the installation that puts something at risk (installation.ts says which). */
export type InstallationWarning = "public_base_url_loopback";

/** GET /admin/status: the banner an admin sees until the settings are fixed. */
export interface AdminStatusWire {
  warnings: InstallationWarning[];
  publicBaseUrl: string;
}

/** One backup, good or failed; a failed one has no size and says why. */
export interface BackupWire {
  name: string;
  createdAt: string;
  sizeBytes: number;
  ok: boolean;
  error?: string;
}

export interface BackupScheduleWire {
  dir: string;
  everyHours: number;
  keep: number;
}

/** GET /admin/backups: newest first; no schedule while BACKUP_DIR is unset. */
export interface BackupsWire {
  data: BackupWire[];
  schedule: BackupScheduleWire | null;
}
