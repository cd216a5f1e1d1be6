import type { Db } from "../db/knex";
import { findCampaign } from "../contributions";
import { findUnit, type Unit } from "../identity";
import { listPublished, type Publication } from "../publication";
import { NotFoundError } from "../shared/errors";
import { publicExpensePage, publicWorkView, publicWorksView, type Oversight, type PublicWorkView } from "../works";

// What the open-data exports are made of: only the public reads other modules already answer to
// residents (a work's public page, the published statements), never their tables. Whatever those
// reads leave out (drafts, phones, PINs, unpublished inspections) cannot reach an export.

export type PublicExpense = Awaited<ReturnType<typeof publicExpensePage>>["data"][number];

export interface PublicWork {
  view: PublicWorkView;
  /** Every posted voucher of the work (its public page shows them a page at a time). */
  expenses: PublicExpense[];
}

export interface PublicUnitData {
  unit: Unit;
  /** The commune a hamlet belongs to (the public authority above it), when there is one. */
  parent: Unit | null;
  works: PublicWork[];
  /** Published statements, newest first (a superseded one is kept, marked by `supersededBy`). */
  publications: Publication[];
  /** The names of the campaigns that fund the works (campaigns are announced to every household). */
  campaigns: Map<number, { name: string; purpose: string }>;
  /** The instant the export was made (UTC ISO). */
  at: string;
}

/** The unit's public data; 404 `unit` for a unit that does not exist or is closed. */
export async function gather(db: Db, unitId: number, at: string, oversight: Oversight): Promise<PublicUnitData> {
  const unit = await findUnit(db, unitId);
  if (!unit || !unit.isActive) throw new NotFoundError("unit", { id: unitId });
  const parent = unit.parentId ? ((await findUnit(db, unit.parentId)) ?? null) : null;
  const list = await publicWorksView(db, unitId, at, oversight);
  const works: PublicWork[] = [];
  for (const row of list.data) {
    const view = await publicWorkView(db, row.id, at, oversight);
    // the whole list in one page: the first page's count says how many there are
    const expenses = view.expensesTotal > view.expenses.length ? (await publicExpensePage(db, row.id, 1, view.expensesTotal)).data : view.expenses;
    works.push({ view, expenses });
  }
  const publications = await listPublished(db, unitId);
  const campaigns = new Map<number, { name: string; purpose: string }>();
  const campaignIds = [...works.flatMap((w) => w.view.budget.byCampaign.map((c) => c.campaignId)), ...publications.flatMap((p) => (p.params.campaignId ? [p.params.campaignId] : []))];
  for (const id of new Set(campaignIds)) {
    const found = await findCampaign(db, unitId, id);
    if (found) campaigns.set(id, { name: found.name, purpose: found.purpose });
  }
  return { unit, parent, works, publications, campaigns, at };
}
