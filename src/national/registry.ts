import type { Knex } from "knex";

// The provinces a national copy subscribes to, kept on the national database only: which
// installation, its subscription, and the public address residents and staff use for it (named
// when the copy refuses a write). Made by `npm run national -- --add`, never by a migration: a
// province's own database has no such table.

export interface Province {
  installationId: number;
  name: string;
  subscription: string;
  slot: string;
  conninfo: string;
  publicUrl: string | null;
  addedAt: string;
}

export const PUBLICATION = "fund_national";
export const subscriptionName = (installationId: number) => `fund_province_${installationId}`;
/** Slots are the province cluster's: named after the national database too, so two copies never share one. */
export const slotName = (installationId: number, nationalDb: string) => `fund_${nationalDb.toLowerCase().replace(/[^a-z0-9_]/g, "_").slice(0, 40)}_${installationId}`;

export async function ensureRegistry(db: Knex): Promise<void> {
  await db.raw(`CREATE TABLE IF NOT EXISTS national_provinces (
    installation_id integer PRIMARY KEY CHECK (installation_id BETWEEN 1 AND 999),
    name varchar(200) NOT NULL,
    subscription varchar(63) NOT NULL,
    slot varchar(63) NOT NULL,
    conninfo text NOT NULL,
    public_url varchar(500),
    added_at varchar(30) NOT NULL)`);
}

interface Row { installation_id: number; name: string; subscription: string; slot: string; conninfo: string; public_url: string | null; added_at: string }

/** Every province registered on this national copy (none when it has never subscribed to one). */
export async function provincesOf(db: Knex): Promise<Province[]> {
  const exists = (await db.raw("SELECT to_regclass('national_provinces') IS NOT NULL AS yes")).rows[0].yes as boolean;
  if (!exists) return [];
  const rows = (await db("national_provinces").orderBy("installation_id")) as Row[];
  return rows.map((r) => ({ installationId: r.installation_id, name: r.name, subscription: r.subscription, slot: r.slot, conninfo: r.conninfo, publicUrl: r.public_url, addedAt: r.added_at }));
}
