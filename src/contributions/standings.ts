import Decimal from "decimal.js";
import { together, type Db } from "../db/knex";
import { Actor, authorize, STAFF } from "../identity";
import * as ledger from "../ledger";
import { dong, fromDb, sum as sumOf, ZERO, Dong } from "../shared/money";
import { campaignIn, toCampaign } from "./campaigns";
import { exemptCategories } from "./entries";
import { hamlet, householdIn, toHousehold, type Category } from "./households";
import { reductionsOf, reductionsOfHousehold } from "./reductions";
import * as q from "./queries";
import type { StandingRowWire } from "./wire";

// Where households stand: a campaign's per-household standings, its summary and contribution list
// (statement 1's data), and one household's history across campaigns. Reads only.

type Bucket = "exempt" | "paid" | "pledged" | "notYet";

interface HouseholdStanding {
  household: q.HouseholdRow;
  paid: Dong;
  pledged: Dong;
  outstanding: Dong;
  exempt: boolean;
  exemptReason: string | null;
  /** A lower suggested amount the community set for the household, with its reason. */
  reduction: { suggested: Dong; reason: string } | null;
  inKind: { kind: string; quantity: string; unit: string }[];
  bucket: Bucket;
}

/**
 * Where each household of a campaign stands, from the ledger (paid, outstanding) and the
 * contributions (pledges, in-kind, exemptions). Receipts' voucher numbers are not loaded here:
 * a list fills them in for the rows of its page only.
 */
async function standings(db: Db, campaign: q.CampaignRow, need: "counts" | "rows"): Promise<HouseholdStanding[]> {
  const unitId = campaign.unit_id;
  // A summary only counts: it reads each household's id and category, not the names (turning
  // thousands of whole rows into objects would be most of its time).
  const columns = need === "counts" ? ["id", "category"] : ["id", "code", "head_name", "category", "members"];
  const [households, sums, contribs, exemptions, reductions] = await together(
    db,
    // Typed as whole rows: with "counts" only id and category are there, and only they are read.
    () => q.allHouseholds(db, unitId).where("is_active", true).select(columns) as Promise<q.HouseholdRow[]>,
    () => ledger.campaignHouseholdTotals(db, unitId, campaign.id),
    () => q.contributionsOf(db, campaign.id).whereIn("kind", ["pledge", "in_kind"]).select("household_id", "kind", "amount", "entry_id", "in_kind_kind", "quantity", "quantity_unit") as Promise<q.ContributionRow[]>,
    () => q.exemptionsOf(db, campaign.id).select("household_id", "reason"),
    () => reductionsOf(db, campaign.id),
  );
  const pledgeIds = contribs.filter((c) => c.kind === "pledge" && c.entry_id !== null).map((c) => Number(c.entry_id));
  const reversed = await ledger.reversedAmong(db, pledgeIds);
  const zero = ZERO;
  const by = new Map<number, HouseholdStanding>();
  const exemptCats = exemptCategories(campaign);
  const ensure = (h: q.HouseholdRow) => {
    let s = by.get(h.id);
    if (!s) {
      const byCategory = exemptCats.includes(h.category);
      s = { household: h, paid: zero, pledged: zero, outstanding: zero, exempt: byCategory, exemptReason: byCategory ? `Thuộc diện ${h.category}` : null, reduction: reductions.get(h.id) ?? null, inKind: [], bucket: "notYet" };
      by.set(h.id, s);
    }
    return s;
  };
  for (const h of households) ensure(h);
  // Households that contributed and have since moved or been deactivated still count for this campaign.
  const missing = new Set<number>();
  for (const s of sums) if (s.householdId !== null && !by.has(s.householdId)) missing.add(s.householdId);
  for (const c of contribs) if (!by.has(c.household_id)) missing.add(c.household_id);
  for (const id of missing) {
    const h = await q.findHouseholdById(db, id);
    if (h) ensure(h);
  }
  for (const s of sums) {
    const st = s.householdId === null ? undefined : by.get(s.householdId);
    if (!st) continue;
    st.paid = s.cash;
    st.outstanding = s.receivable;
  }
  for (const c of contribs) {
    const st = by.get(c.household_id);
    if (!st) continue;
    if (c.kind === "pledge" && !reversed.has(Number(c.entry_id))) st.pledged = dong(st.pledged + fromDb(c.amount));
    if (c.kind === "in_kind") {
      st.inKind.push({ kind: c.in_kind_kind!, quantity: c.quantity!, unit: c.quantity_unit! });
    }
  }
  for (const e of exemptions) {
    const st = by.get(e.household_id);
    if (st) {
      st.exempt = true;
      st.exemptReason = e.reason;
    }
  }
  for (const st of by.values()) {
    // Each household in one bucket, exempt > paid > pledged > notYet (DESIGN §5);
    // in-kind only counts as having contributed.
    st.bucket = st.exempt ? "exempt" : st.paid > 0n || st.inKind.length ? "paid" : st.pledged > 0n ? "pledged" : "notYet";
  }
  return [...by.values()];
}

/** The receipts (voucher numbers, not reversed) of some households in a campaign. */
async function receiptsOf(db: Db, campaignId: number, householdIds: number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (!householdIds.length) return out;
  const rows = await q.contributionsOf(db, campaignId).where("kind", "receipt").whereIn("household_id", householdIds).select("household_id", "entry_id");
  const ids = rows.map((r) => Number(r.entry_id));
  const [reversed, vouchers] = await together(db, () => ledger.reversedAmong(db, ids), () => ledger.voucherNumbers(db, ids));
  const vno = new Map(vouchers.map((v) => [v.id, v.voucherNo]));
  for (const r of rows) {
    if (reversed.has(Number(r.entry_id))) continue;
    const list = out.get(r.household_id) ?? [];
    list.push(vno.get(Number(r.entry_id)) ?? "");
    out.set(r.household_id, list);
  }
  return out;
}

export interface CampaignSummary {
  target: Dong | null;
  pledged: Dong;
  paid: Dong;
  outstanding: Dong;
  households: Record<Bucket, number>;
  /** Households given a lower suggested amount (beside the exempt ones). */
  reduced: number;
  inKind: { kind: string; unit: string; quantity: string; households: number }[];
}

/** Target, pledged, paid, outstanding; households per bucket; in-kind totals. */
export async function campaignSummary(db: Db, actor: Actor, unitId: number, campaignId: number): Promise<CampaignSummary> {
  await authorize(db, actor, STAFF, unitId);
  const campaign = await campaignIn(db, unitId, campaignId);
  const all = await standings(db, campaign, "counts");
  const households: Record<Bucket, number> = { paid: 0, pledged: 0, exempt: 0, notYet: 0 };
  const inKind = new Map<string, { kind: string; unit: string; quantity: Decimal; households: Set<number> }>();
  for (const s of all) {
    households[s.bucket]++;
    for (const k of s.inKind) {
      const key = `${k.kind}|${k.unit}`;
      // Quantities (2,5 công) are not money and may have a fraction.
      const agg = inKind.get(key) ?? { kind: k.kind, unit: k.unit, quantity: new Decimal(0), households: new Set<number>() };
      agg.quantity = agg.quantity.plus(k.quantity);
      agg.households.add(s.household.id);
      inKind.set(key, agg);
    }
  }
  return {
    target: campaign.target === null ? null : fromDb(campaign.target),
    pledged: sumOf(all.map((s) => s.pledged)),
    paid: sumOf(all.map((s) => s.paid)),
    outstanding: sumOf(all.map((s) => s.outstanding)),
    households,
    reduced: all.filter((s) => !s.exempt && s.reduction).length,
    inKind: [...inKind.values()].map((k) => ({ kind: k.kind, unit: k.unit, quantity: k.quantity.toString(), households: k.households.size })),
  };
}

/** A line of the contribution list as the wire has it, its amounts still as Dong. */
export interface ListRow extends Omit<StandingRowWire, "suggested" | "paid" | "pledged" | "outstanding"> {
  suggested: Dong | null;
  paid: Dong;
  pledged: Dong;
  outstanding: Dong;
}

const collator = new Intl.Collator("vi");

/** The campaign's contribution list (statement 1's data), sorted, a page at a time. No phones. */
export async function contributionList(
  db: Db,
  actor: Actor | null,
  unitId: number,
  campaignId: number,
  f: { sort: "code" | "name" | "paid" | "status" | "recent"; order: "asc" | "desc"; page: number; limit: number },
) {
  if (actor) await authorize(db, actor, STAFF, unitId);
  const campaign = await campaignIn(db, unitId, campaignId);
  const level = campaign.level_amount === null ? null : fromDb(campaign.level_amount);
  const suggestedOf = (s: HouseholdStanding): Dong | null =>
    s.exempt ? ZERO : s.reduction ? s.reduction.suggested : level === null ? null : campaign.level_per === "person" ? (s.household.members ? dong(level * BigInt(s.household.members)) : null) : level;
  const all = await standings(db, campaign, "rows");
  // "recent": a household without a receipt sorts as the oldest
  const latest = new Map<number, string>();
  if (f.sort === "recent") for (const r of await q.latestReceipts(db, campaignId)) latest.set(Number(r.household_id), `${r.last_date}#${String(r.last_id).padStart(15, "0")}`);
  const cmp: Record<typeof f.sort, (a: HouseholdStanding, b: HouseholdStanding) => number> = {
    recent: (a, b) => (latest.get(a.household.id) ?? "").localeCompare(latest.get(b.household.id) ?? ""),
    code: (a, b) => collator.compare(a.household.code, b.household.code),
    name: (a, b) => collator.compare(a.household.head_name, b.household.head_name),
    paid: (a, b) => (a.paid < b.paid ? -1 : a.paid > b.paid ? 1 : 0),
    status: (a, b) => a.bucket.localeCompare(b.bucket),
  };
  // Ties always fall back to the code, ascending, whatever the order asked for: pages stay stable.
  const dir = f.order === "desc" ? -1 : 1;
  all.sort((a, b) => dir * cmp[f.sort](a, b) || collator.compare(a.household.code, b.household.code));
  let suggestedSum = 0n;
  let paidSum = 0n;
  let pledgedSum = 0n;
  let outstandingSum = 0n;
  for (const s of all) {
    suggestedSum += suggestedOf(s) ?? 0n;
    paidSum += s.paid;
    pledgedSum += s.pledged;
    outstandingSum += s.outstanding;
  }
  const page: ListRow[] = all.slice((f.page - 1) * f.limit, f.page * f.limit).map((s) => {
    const suggested = suggestedOf(s);
    return {
      householdId: s.household.id,
      code: s.household.code,
      name: s.household.head_name,
      category: s.household.category as Category,
      suggested,
      paid: s.paid,
      pledged: s.pledged,
      outstanding: s.outstanding,
      exempt: s.exempt,
      exemptReason: s.exemptReason,
      reductionReason: s.exempt ? null : s.reduction?.reason ?? null,
      inKind: s.inKind,
      receipts: [],
      status: s.bucket,
    };
  });
  const receipts = await receiptsOf(db, campaignId, page.map((r) => r.householdId));
  for (const r of page) r.receipts = receipts.get(r.householdId) ?? [];
  return {
    campaign: await toCampaign(db, campaign),
    total: all.length,
    page: f.page,
    limit: f.limit,
    data: page,
    totals: { suggested: dong(suggestedSum), paid: dong(paidSum), pledged: dong(pledgedSum), outstanding: dong(outstandingSum) },
  };
}

/** A household's history across campaigns: paid, pledged, exempt, in-kind, receipts (with reversals). */
export async function householdHistory(db: Db, actor: Actor, unitId: number, householdId: number) {
  await hamlet(db, actor, STAFF, unitId);
  const h = await householdIn(db, unitId, householdId);
  const [contribs, exemptions, sums, moves, reductions] = await together(
    db,
    () => q.contributionsOfHousehold(db, householdId),
    () => q.exemptionsOfHousehold(db, householdId),
    () => ledger.householdSums(db, householdId),
    () => q.movesOf(db, householdId),
    () => reductionsOfHousehold(db, householdId),
  );
  const entryIds = contribs.filter((c) => c.entry_id !== null).map((c) => Number(c.entry_id));
  const entries = new Map((await ledger.entriesByIds(db, undefined, entryIds)).map((e) => [e.id, e]));
  const campaignIds = [...new Set([...contribs.map((c) => c.campaign_id), ...exemptions.map((e) => e.campaign_id), ...reductions.keys()])];
  const campaigns = new Map<number, q.CampaignRow>();
  for (const id of campaignIds) {
    const c = await q.findCampaignById(db, id);
    if (c) campaigns.set(id, c);
  }
  return {
    household: toHousehold(h),
    moves: moves.map((m) => ({ from: m.unit_id, to: m.to_unit_id, fromCode: m.from_code, toCode: m.to_code, at: m.moved_at })),
    campaigns: campaignIds.map((cid) => {
      const c = campaigns.get(cid)!;
      const mine = sums.filter((s) => s.campaignId === cid);
      const sum = (codes: readonly string[]) => sumOf(mine.filter((s) => codes.includes(s.account)).map((s) => s.total));
      return {
        campaignId: cid,
        unitId: c.unit_id,
        name: c.name,
        paid: sum(ledger.MONEY_ACCOUNTS),
        outstanding: sum([ledger.CHART.pledges]),
        exempt: exemptions.some((e) => e.campaign_id === cid) || exemptCategories(c).includes(h.category),
        reduction: reductions.get(cid) ?? null,
        items: contribs
          .filter((x) => x.campaign_id === cid)
          .map((x) => {
            const e = x.entry_id !== null ? entries.get(Number(x.entry_id)) : undefined;
            return {
              id: Number(x.id),
              kind: x.kind,
              date: x.entry_date,
              amount: x.amount === null ? null : String(x.amount),
              method: x.method,
              quantity: x.quantity,
              unit: x.quantity_unit,
              inKind: x.in_kind_kind,
              voucherNo: e?.voucherNo ?? null,
              entryId: e?.id ?? null,
              reversedBy: e?.reversedBy ?? null,
            };
          }),
      };
    }),
  };
}
