import fs from "node:fs";
import path from "node:path";
import type { Logger } from "../http/logger";
import { asSystem, type SystemReason } from "../identity";
import type { Clock } from "../shared/dates";
import type { BackupScheduleWire, BackupWire } from "./wire";
import { BackupSource, FAILED_SUFFIX, Manifest, MANIFEST, takeBackup, backupName } from "./backup";

// The server's own backups: every `everyHours` into `dir`, keeping the newest `keep` good ones.
// The folder itself is the record: a fund-… folder with a manifest is a good backup, a
// fund-….failed.json file a failed one, so the list survives restarts and shows CLI backups too.

// The listing and the schedule are what the admins' screen reads, as they are.
export type BackupSchedule = BackupScheduleWire;
export type BackupListing = BackupWire;

const HOUR = 3_600_000;
// Not at the very moment of start: a server that restarts in a loop should not back up in a loop.
const FIRST_DELAY = 60_000;

export class Backups {
  private running: Promise<BackupListing> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly src: BackupSource,
    readonly schedule: BackupSchedule | null,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Newest first. */
  list(): BackupListing[] {
    if (!this.schedule || !fs.existsSync(this.schedule.dir)) return [];
    return listBackups(this.schedule.dir);
  }

  /** Takes one now, for the reason stated; a second call while one runs gets the same one. */
  runNow(because: SystemReason): Promise<BackupListing> {
    if (!this.schedule) throw new Error("backups are not configured");
    this.running ??= this.take(this.schedule, because).finally(() => (this.running = undefined));
    return this.running;
  }

  private async take(s: BackupSchedule, because: SystemReason): Promise<BackupListing> {
    const at = this.clock.now();
    try {
      const { dir, manifest } = await takeBackup(this.src, s.dir, at, because);
      this.logger.info("backup written", { dir, units: manifest.units.length, files: manifest.files.length });
      this.prune(s);
      return listing(path.basename(dir), manifest);
    } catch (err) {
      const error = String((err as Error)?.message ?? err).split("\n")[0];
      const name = backupName(at);
      this.logger.error("backup failed", { dir: s.dir, error });
      try {
        fs.mkdirSync(s.dir, { recursive: true });
        fs.writeFileSync(path.join(s.dir, name + FAILED_SUFFIX), JSON.stringify({ createdAt: at.toISOString(), error }) + "\n");
      } catch (e) {
        this.logger.error("could not record the failed backup", { error: String((e as Error)?.message ?? e) });
      }
      return { name, createdAt: at.toISOString(), sizeBytes: 0, ok: false, error };
    }
  }

  /** Removes good backups past the newest `keep`, and failure records older than the oldest kept. */
  private prune(s: BackupSchedule): void {
    const all = listBackups(s.dir);
    const good = all.filter((b) => b.ok);
    const kept = good.slice(0, s.keep);
    const oldest = kept.length ? kept[kept.length - 1].createdAt : "";
    for (const b of all) {
      if (b.ok && kept.includes(b)) continue;
      if (!b.ok && b.createdAt >= oldest) continue;
      const p = path.join(s.dir, b.ok ? b.name : b.name + FAILED_SUFFIX);
      if (b.ok || fs.existsSync(p)) fs.rmSync(p, { recursive: true, force: true });
    }
  }

  /** Starts the timer: first when the last good backup is `everyHours` old (a minute after start at the soonest). */
  start(): void {
    const s = this.schedule;
    if (!s) return;
    const last = this.list().find((b) => b.ok);
    const due = last ? new Date(last.createdAt).getTime() + s.everyHours * HOUR - this.clock.now().getTime() : 0;
    this.arm(Math.max(FIRST_DELAY, due));
  }

  private arm(ms: number): void {
    // setTimeout holds at most ~24.8 days; a longer schedule re-arms part way.
    this.timer = setTimeout(async () => {
      await this.runNow(asSystem("scheduled backup")).catch(() => undefined);
      this.arm(this.schedule!.everyHours * HOUR);
    }, Math.min(ms, 2 ** 31 - 1));
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}

const listing = (name: string, m: Manifest): BackupListing => ({ name, createdAt: m.createdAt, sizeBytes: m.files.reduce((s, f) => s + f.size, 0), ok: true });

export function listBackups(dir: string): BackupListing[] {
  const out: BackupListing[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!e.name.startsWith("fund-")) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory() && !e.name.endsWith(".partial")) {
      try {
        out.push(listing(e.name, JSON.parse(fs.readFileSync(path.join(p, MANIFEST), "utf8")) as Manifest));
      } catch {
        out.push({ name: e.name, createdAt: fs.statSync(p).mtime.toISOString(), sizeBytes: 0, ok: false, error: `no readable ${MANIFEST}` });
      }
    } else if (e.isFile() && e.name.endsWith(FAILED_SUFFIX)) {
      try {
        const f = JSON.parse(fs.readFileSync(p, "utf8")) as { createdAt: string; error: string };
        out.push({ name: e.name.slice(0, -FAILED_SUFFIX.length), createdAt: f.createdAt, sizeBytes: 0, ok: false, error: f.error });
      } catch {
        // A record cut short by a full disk says nothing more than its name.
        out.push({ name: e.name.slice(0, -FAILED_SUFFIX.length), createdAt: fs.statSync(p).mtime.toISOString(), sizeBytes: 0, ok: false, error: "failed" });
      }
    }
  }
  return out.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.name < b.name ? 1 : -1));
}
