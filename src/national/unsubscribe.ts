import type { Knex } from "knex";
import { rangeFor } from "./id-ranges";
import { Province, provincesOf } from "./registry";
import { NationalError, openPg } from "./subscribe";
import { REPLICATED } from "./tables";

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

export interface ProvinceStatus {
  installationId: number;
  name: string;
  publicUrl: string | null;
  /** The subscription's apply worker runs. */
  running: boolean;
  /** WAL the province's cluster has written that the national copy has not confirmed (null: province unreachable). */
  lagBytes: number | null;
  /**
   * How long ago the newest change the national copy has applied was written on the province
   * (PostgreSQL's replay_lag for the subscription's sender); 0 when nothing is pending, null when the
   * province cannot be reached or its sender is not running.
   */
  lagSeconds: number | null;
  /** Seconds since the national copy last heard from the province (null: never). */
  lastMessageSeconds: number | null;
}

/** Each province's replication lag, as the national copy and the province see it. */
export async function statusOf(national: Knex): Promise<ProvinceStatus[]> {
  const out: ProvinceStatus[] = [];
  for (const p of await provincesOf(national)) {
    const s = (
      await national.raw(
        `SELECT bool_or(pid IS NOT NULL) AS running, extract(epoch FROM now() - max(last_msg_receipt_time))::float8 AS seconds
           FROM pg_stat_subscription WHERE subname = ?`,
        [p.subscription],
      )
    ).rows[0] as { running: boolean | null; seconds: number | null };
    const lag = await lagOf(p);
    out.push({ installationId: p.installationId, name: p.name, publicUrl: p.publicUrl, running: Boolean(s.running), ...lag, lastMessageSeconds: s.seconds === null ? null : Math.round(s.seconds * 10) / 10 });
  }
  return out;
}

async function lagOf(p: Province): Promise<{ lagBytes: number | null; lagSeconds: number | null }> {
  const province = openPg(p.conninfo);
  try {
    // replay_lag is the sender's own measure, and PostgreSQL clears it once the copy is idle and caught up.
    const r = (
      await province.raw(
        `SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), s.confirmed_flush_lsn)::float8 AS lag, r.pid IS NOT NULL AS sending,
                extract(epoch FROM r.replay_lag)::float8 AS seconds
           FROM pg_replication_slots s LEFT JOIN pg_stat_replication r ON r.pid = s.active_pid
          WHERE s.slot_name = ?`,
        [p.slot],
      )
    ).rows[0] as { lag: number | null; sending: boolean; seconds: number | null } | undefined;
    if (!r) return { lagBytes: null, lagSeconds: null };
    return { lagBytes: r.lag, lagSeconds: !r.sending ? null : Math.round((r.seconds ?? 0) * 1000) / 1000 };
  } catch {
    return { lagBytes: null, lagSeconds: null };
  } finally {
    await province.destroy();
  }
}

/**
 * Ends a province's subscription and removes its rows from the national copy (the rows of the units
 * in its id range). The province's slot is dropped too when it can be reached; its publication
 * stays (harmless, and re-adding uses it).
 */
export async function dropProvince(national: Knex, installationId: number): Promise<Province> {
  const p = (await provincesOf(national)).find((x) => x.installationId === installationId);
  if (!p) throw new NationalError(`no province with installation ${installationId} on this national copy`);
  const sub = ident(p.subscription);
  const subscribed = (await national.raw("SELECT 1 FROM pg_subscription WHERE subname = ?", [p.subscription])).rows.length > 0;
  if (subscribed) {
    // Detached from its slot first: dropping it then needs no connection to the province.
    await national.raw(`ALTER SUBSCRIPTION ${sub} DISABLE`);
    await national.raw(`ALTER SUBSCRIPTION ${sub} SET (slot_name = NONE)`);
    await national.raw(`DROP SUBSCRIPTION ${sub}`);
  }
  await dropSlot(p);
  const { from, to } = rangeFor(installationId, "integer");
  await national.transaction(async (trx) => {
    // The ledger refuses deletes (append-only triggers); these rows were never written here but
    // replicated, and leave the same way: as replication applies them, with ordinary triggers off.
    await trx.raw("SET LOCAL session_replication_role = replica");
    const units = "SELECT id FROM units WHERE id BETWEEN ? AND ?";
    const range = [from.toString(), to.toString()];
    await trx.raw(`DELETE FROM household_activity WHERE household_id IN (SELECT id FROM households WHERE unit_id IN (${units}))`, range);
    for (const table of Object.keys(REPLICATED)) {
      if (table === "units" || table === "household_activity") continue;
      await trx.raw(`DELETE FROM ${ident(table)} WHERE unit_id IN (${units})`, range);
    }
    await trx.raw(`DELETE FROM units WHERE id BETWEEN ? AND ?`, range);
    await trx("national_provinces").where({ installation_id: installationId }).delete();
  });
  return p;
}

async function dropSlot(p: Province): Promise<void> {
  const province = openPg(p.conninfo);
  try {
    // The walsender may still hold the slot for a moment after the subscription stops.
    for (let i = 0; i < 50; i++) {
      const r = (await province.raw("SELECT active FROM pg_replication_slots WHERE slot_name = ?", [p.slot])).rows[0] as { active: boolean } | undefined;
      if (!r) return;
      if (!r.active) {
        await province.raw("SELECT pg_drop_replication_slot(?)", [p.slot]);
        return;
      }
      await new Promise((res) => setTimeout(res, 200));
    }
    throw new NationalError(`the province's slot ${p.slot} stays in use: drop it there (SELECT pg_drop_replication_slot('${p.slot}'))`);
  } catch (err) {
    if (err instanceof NationalError) throw err;
    // Unreachable province: the national copy is cleaned all the same; the slot is named to drop by hand.
    process.stderr.write(`note: could not reach the province to drop its slot ${p.slot}: drop it there by hand\n`);
  } finally {
    await province.destroy();
  }
}
