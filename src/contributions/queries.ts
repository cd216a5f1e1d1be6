import type { Db } from "../db/knex";
import { dialectOf, insertMany } from "../db/knex";

// knex on the tables contributions owns: households, household_moves, campaigns, contributions,
// exemptions, imports. Rows in, rows out.

export interface HouseholdRow {
  id: number;
  unit_id: number;
  code: string;
  head_name: string;
  search_text: string;
  address: string | null;
  members: number | null;
  category: string;
  phone: string | null;
  pin_hash: string | null;
  pin_set_at: string | null;
  pin_locked_at: string | null;
  is_active: boolean | number;
  created_at: string;
}

export interface CampaignRow {
  id: number;
  unit_id: number;
  name: string;
  purpose: string;
  fund_account: string | null;
  work_id: number | null;
  decision_date: string;
  minutes_ref: string;
  households_total: number;
  households_present: number;
  households_agreeing: number;
  /** The decision record it rests on; null for a meeting held on paper before the hamlet used the software. */
  decision_id?: number | null;
  level_amount: number | string | null;
  level_per: string | null;
  exempt_categories: string;
  in_kind_values: string;
  start_date: string;
  end_date: string | null;
  target: number | string | null;
  revenue_account_id: number;
  in_kind_account_id: number | null;
  status: string;
  created_by: number | null;
  created_at: string;
}

export interface ContributionRow {
  /** BIGINT (ids that merge for ten years): pg returns it as a string, read it through Number(). */
  id: number | string;
  unit_id: number;
  campaign_id: number;
  household_id: number;
  kind: "receipt" | "pledge" | "in_kind";
  amount: number | string | null;
  method: string | null;
  payer: string | null;
  note: string | null;
  entry_date: string;
  due_date: string | null;
  entry_id: number | string | null;
  in_kind_kind: string | null;
  quantity: string | null;
  quantity_unit: string | null;
  import_id: number | null;
  created_by: number | null;
  created_at: string;
  /** A receipt's own entry, "<seq>:<hash>": an anchor the ledger's verify holds the books to. */
  chain_head?: string | null;
}

export interface ExemptionRow {
  id: number;
  unit_id: number;
  campaign_id: number;
  household_id: number;
  reason: string;
  import_id: number | null;
  created_by: number | null;
  created_at: string;
}

export interface MoveRow {
  id: number;
  household_id: number;
  /** The hamlet it moved from. */
  unit_id: number;
  to_unit_id: number;
  from_code: string;
  to_code: string;
  moved_at: string;
  created_by: number | null;
}

async function insertOne(db: Db, table: string, row: object): Promise<number> {
  const [r] = await db(table).insert(row).returning("id");
  // contributions.id is BIGINT: pg returns it as a string
  return Number(typeof r === "object" ? (r as { id: number | string }).id : (r as number));
}

export const findHousehold = (db: Db, unitId: number, id: number) => db<HouseholdRow>("households").where({ unit_id: unitId, id }).first();
/** A household of a unit, with whether it is exempted from the campaign by name (one query, for receipts). */
export const findHouseholdForCampaign = (db: Db, unitId: number, id: number, campaignId: number) =>
  db("households")
    .select("households.*")
    .select(db.raw("(SELECT COUNT(*) FROM exemptions x WHERE x.campaign_id = ? AND x.household_id = households.id) AS exempted_by_name", [campaignId]))
    .where("households.unit_id", unitId)
    .where("households.id", id)
    .first() as Promise<(HouseholdRow & { exempted_by_name: number | string }) | undefined>;
export const findHouseholdById = (db: Db, id: number) => db<HouseholdRow>("households").where({ id }).first();
export const findHouseholdByCode = (db: Db, unitId: number, code: string) => db<HouseholdRow>("households").where({ unit_id: unitId, code }).first();
export const householdsByCodes = (db: Db, unitId: number, codes: string[]) => db<HouseholdRow>("households").where({ unit_id: unitId }).whereIn("code", codes);
/** What an import needs of a household (100,000 of them held at once, so no more than that). */
export type HouseholdKey = Pick<HouseholdRow, "id" | "code" | "head_name" | "category" | "is_active">;
// PostgreSQL: the codes as one array parameter; 5,000 bound parameters cost more to bind and
// parse than the lookup itself (an import of 100,000 rows asks 20 times, then 40 at commit).
export const householdKeysByCodes = (db: Db, unitId: number, codes: string[]): Promise<HouseholdKey[]> => {
  const q = db<HouseholdRow>("households").select("id", "code", "head_name", "category", "is_active").where({ unit_id: unitId });
  return dialectOf(db) === "postgres" ? q.whereRaw("code = ANY(?::text[])", [codes]) : q.whereIn("code", codes);
};
export const insertHousehold = (db: Db, row: Omit<HouseholdRow, "id" | "pin_hash" | "pin_set_at" | "pin_locked_at" | "is_active">) => insertOne(db, "households", row);
export const insertHouseholds = (db: Db, rows: Omit<HouseholdRow, "id" | "pin_hash" | "pin_set_at" | "pin_locked_at" | "is_active">[]) =>
  insertMany(db, "households", rows as unknown as Record<string, unknown>[]);
export const updateHousehold = (db: Db, id: number, patch: Partial<HouseholdRow>) => db("households").where({ id }).update(patch);
export const insertMove = (db: Db, row: object) => insertOne(db, "household_moves", row);
export const movesOf = (db: Db, householdId: number) => db<MoveRow>("household_moves").where({ household_id: householdId }).orderBy("id");

export function listHouseholds(db: Db, unitId: number, f: { q?: string; afterCode?: string; limit: number; includeInactive?: boolean }) {
  const q = db<HouseholdRow>("households").where("unit_id", unitId).orderBy("code").limit(f.limit);
  if (!f.includeInactive) q.where("is_active", true);
  if (f.afterCode) q.where("code", ">", f.afterCode);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q.whereRaw(`search_text LIKE ? ESCAPE '\\'`, [like]);
  }
  return q;
}
export const allHouseholds = (db: Db, unitId: number) => db<HouseholdRow>("households").where({ unit_id: unitId }).orderBy("code");

export const findCampaignById = (db: Db, id: number) => db<CampaignRow>("campaigns").where({ id }).first();
export const campaignIdsOfFund = (db: Db, unitId: number, fundAccount: string) => db<CampaignRow>("campaigns").select("id").where({ unit_id: unitId, fund_account: fundAccount });
export const findCampaign = (db: Db, unitId: number, id: number) => db<CampaignRow>("campaigns").where({ unit_id: unitId, id }).first();
export const listCampaigns = (db: Db, unitId: number) => db<CampaignRow>("campaigns").where({ unit_id: unitId }).orderBy("id", "desc");
export const insertCampaign = (db: Db, row: Omit<CampaignRow, "id">) => insertOne(db, "campaigns", row);
export const updateCampaign = (db: Db, id: number, patch: Partial<CampaignRow>) => db("campaigns").where({ id }).update(patch);

export const insertContribution = (db: Db, row: Omit<ContributionRow, "id">) => insertOne(db, "contributions", row);
export const receiptHeads = (db: Db, unitId: number) =>
  db("contributions").select("id", { chainHead: "chain_head" }).where({ unit_id: unitId, kind: "receipt" }).whereNotNull("chain_head");
export const insertContributions = (db: Db, rows: Omit<ContributionRow, "id">[]) =>
  insertMany(db, "contributions", rows as unknown as Record<string, unknown>[]);
/** An import's receipts: their ids by entry, once the rows are in. */
export const receiptIdsOfImport = (db: Db, importId: number) =>
  db("contributions").select("id", "entry_id").where({ import_id: importId, kind: "receipt" }) as Promise<{ id: number | string; entry_id: number | string }[]>;
export const findContribution = (db: Db, unitId: number, id: number) => db<ContributionRow>("contributions").where({ unit_id: unitId, id }).first();
export const contributionsOf = (db: Db, campaignId: number, householdId?: number) => {
  const q = db<ContributionRow>("contributions").where({ campaign_id: campaignId }).orderBy("id");
  if (householdId !== undefined) q.where({ household_id: householdId });
  return q;
};
/** Each household's latest receipt in a campaign (its date, then its id), for sorting the list by it. */
export const latestReceipts = (db: Db, campaignId: number): Promise<{ household_id: number; last_date: string; last_id: number | string }[]> =>
  db("contributions").select("household_id").max({ last_date: "entry_date" }).max({ last_id: "id" }).where({ campaign_id: campaignId, kind: "receipt" }).groupBy("household_id");
export const contributionsOfHousehold = (db: Db, householdId: number) => db<ContributionRow>("contributions").where({ household_id: householdId }).orderBy("id");

/** Receipts with the same household, amount and date (possible double entries). */
export function sameReceipts(db: Db, campaignId: number, keys: { householdId: number; amount: string; date: string }[]) {
  if (!keys.length) return Promise.resolve([] as ContributionRow[]);
  return db<ContributionRow>("contributions")
    .where({ campaign_id: campaignId, kind: "receipt" })
    .whereIn("household_id", [...new Set(keys.map((k) => k.householdId))]);
}

export const exemptionsOf = (db: Db, campaignId: number) => db<ExemptionRow>("exemptions").where({ campaign_id: campaignId });
export const findExemption = (db: Db, campaignId: number, householdId: number) => db("exemptions").where({ campaign_id: campaignId, household_id: householdId }).first();
export const exemptionsOfHousehold = (db: Db, householdId: number) => db<ExemptionRow>("exemptions").where({ household_id: householdId });
export const insertExemption = (db: Db, row: object) => insertOne(db, "exemptions", row);
export const insertExemptions = (db: Db, rows: object[]) => insertMany(db, "exemptions", rows as Record<string, unknown>[]);

export const insertImport = (db: Db, row: object) => insertOne(db, "imports", row);
export const findImport = (db: Db, unitId: number, campaignId: number, id: number) => db("imports").where({ unit_id: unitId, campaign_id: campaignId, id }).first();
export const committedImport = (db: Db, campaignId: number, hash: string) => db("imports").where({ campaign_id: campaignId, content_hash: hash, status: "committed" }).first();
export const markImportCommitted = (db: Db, id: number, at: string, recorded: object) =>
  db("imports").where({ id }).update({ status: "committed", committed_at: at, recorded: JSON.stringify(recorded) });

export const isPostgres = (db: Db) => dialectOf(db) === "postgres";
