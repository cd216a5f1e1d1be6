import type { Knex } from "knex";
import { createDb } from "../db/knex";
import { migrate } from "../db/migrate";
import { INTEGER_RANGE } from "./id-ranges";
import { ensureRegistry, Province, provincesOf, PUBLICATION, slotName, subscriptionName } from "./registry";
import { REPLICATED } from "./tables";

// A national copy subscribes to each province's publication (PostgreSQL logical replication). The
// publication carries column lists (src/national/tables.ts); DDL is not replicated, so both sides
// run the same migrations: the national copy first, then the provinces.

export class NationalError extends Error {}

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;
const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

export function openPg(url: string): Knex {
  return createDb({ client: "postgres", connectionString: url }, { pool: { min: 0, max: 2 } });
}

/** The installation a province's database serves: its sequences end where INSTALLATION_ID's range does. */
export async function installationOf(province: Knex): Promise<number> {
  const r = (await province.raw("SELECT max_value::text AS max FROM pg_sequences WHERE schemaname = current_schema() AND sequencename = 'units_id_seq'")).rows[0] as { max: string } | undefined;
  const max = r ? BigInt(r.max) : 0n;
  const id = (max + 1n) / INTEGER_RANGE - 1n;
  if (!r || (max + 1n) % INTEGER_RANGE !== 0n || id < 1n || id > 999n) {
    throw new NationalError("the province's database has no id range: start its server once with INSTALLATION_ID (1-999) set");
  }
  return Number(id);
}

async function migrationsOf(db: Knex): Promise<Set<string>> {
  return new Set(((await db("knex_migrations").select("name")) as { name: string }[]).map((r) => r.name));
}

/** The publication's tables with their column lists, as PostgreSQL writes them. */
export function publicationTables(): string {
  return Object.entries(REPLICATED).map(([t, cols]) => `${ident(t)} (${cols.map(ident).join(", ")})`).join(", ");
}

/** Creates (or brings up to date) the province's publication, its slot, and the national copy's subscription. */
export async function addProvince(national: Knex, provinceUrl: string, opts: { publicUrl?: string; name?: string; at: string }): Promise<Province> {
  const province = openPg(provinceUrl);
  try {
    const wal = (await province.raw("SHOW wal_level")).rows[0].wal_level as string;
    if (wal !== "logical") throw new NationalError(`the province's PostgreSQL has wal_level = ${wal}: set wal_level = logical and restart it`);
    const installationId = await installationOf(province);
    await migrate(national);
    const nationalHas = await migrationsOf(national);
    const ahead = [...(await migrationsOf(province))].filter((m) => !nationalHas.has(m));
    if (ahead.length) throw new NationalError(`the province is migrated past the national copy (${ahead.join(", ")}): upgrade the national copy first`);
    const exists = (await province.raw("SELECT 1 FROM pg_publication WHERE pubname = ?", [PUBLICATION])).rows.length > 0;
    await province.raw(`${exists ? "ALTER" : "CREATE"} PUBLICATION ${ident(PUBLICATION)} ${exists ? "SET" : "FOR"} TABLE ${publicationTables()}`);
    const slot = slotName(installationId, (await national.raw("SELECT current_database() AS db")).rows[0].db as string);
    const subscription = subscriptionName(installationId);
    const subscribed = (await national.raw("SELECT 1 FROM pg_subscription WHERE subname = ?", [subscription])).rows.length > 0;
    if (subscribed) {
      // After an upgrade: tables the publication gained are copied, column lists apply from here on.
      await national.raw(`ALTER SUBSCRIPTION ${ident(subscription)} REFRESH PUBLICATION`);
    } else {
      // The slot first, then the subscription without one of its own: in one cluster CREATE
      // SUBSCRIPTION would otherwise wait forever for its own transaction to end.
      const hasSlot = (await province.raw("SELECT 1 FROM pg_replication_slots WHERE slot_name = ?", [slot])).rows.length > 0;
      if (!hasSlot) await province.raw("SELECT pg_create_logical_replication_slot(?, 'pgoutput')", [slot]);
      await national.raw(
        `CREATE SUBSCRIPTION ${ident(subscription)} CONNECTION ${literal(provinceUrl)} PUBLICATION ${ident(PUBLICATION)} WITH (create_slot = false, slot_name = ${literal(slot)}, copy_data = true)`,
      );
    }
    await ensureRegistry(national);
    const name = opts.name ?? ((await province("units").whereNull("parent_id").orderBy("id").first("name")) as { name: string } | undefined)?.name ?? `installation ${installationId}`;
    await national("national_provinces")
      .insert({ installation_id: installationId, name, subscription, slot, conninfo: provinceUrl, public_url: opts.publicUrl ?? null, added_at: opts.at })
      .onConflict("installation_id")
      .merge(opts.publicUrl ? ["name", "conninfo", "public_url"] : ["name", "conninfo"]);
    const found = (await provincesOf(national)).find((p) => p.installationId === installationId);
    if (!found) throw new NationalError("the province was not registered");
    return found;
  } finally {
    await province.destroy();
  }
}
