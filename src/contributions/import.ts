import crypto from "node:crypto";
import type { Knex } from "knex";
import type { Db } from "../db/knex";
import { Actor, asSystem, audit, authorize } from "../identity";
import * as ledger from "../ledger";
import * as notify from "../notify/tell";
import { AppError, ConflictError, NotFoundError, RuleViolation } from "../shared/errors";
import { localDate } from "../shared/dates";
import { foldVi, tidyName } from "../shared/text";
import { SheetError } from "./sheet";
import { parseSheetOffThread } from "./sheet/off-thread";
import type { ParsedSheet, SheetRow } from "./sheet/types";
import { dong, parseDong, toWire, ZERO, type Dong } from "../shared/money";
import { campaignIn } from "./campaigns";
import { contributionRefusals, pledgeEntry, pledgeSettled, receiptEntry, type Refusal } from "./entries";
import { hamlet, WRITERS } from "./households";
import "./messages";
import * as q from "./queries";
import type { Preview, PreviewRow, RowWarning, SheetWarning } from "./preview";
import { compareNames } from "./sheet/names";
import type { ImportRecordedWire, ImportSkippedWire } from "./wire";
import type { HouseholdCategory } from "../shared/household-categories";
import { readPreview, storePreview } from "./stored-preview";

// DESIGN §5 "Import": the treasurer's own sheet, previewed with an error per bad row, then
// committed all rows or none; the same file (by content hash) twice records nothing new. A row is
// checked by the same function as a single receipt (./entries), and posts the same entry.

// Rows posted per ledger call inside the one transaction: bounds memory for 100,000-row sheets.
const CHUNK = 5000;

export type { Preview, PreviewRow } from "./preview";

const SHEET_STATUS: Record<string, number> = { file_too_large: 413, too_many_rows: 413, zip_bomb: 413, unsupported_file: 415, header_not_found: 422, empty_sheet: 422, sheet_too_complex: 422 };

/** Category a new household gets from an exemption note ("Miễn - hộ nghèo" → poor). */
function categoryFromNote(note: string | null): HouseholdCategory {
  const n = foldVi(note ?? "");
  if (!n.startsWith("mien")) return "normal";
  if (n.includes("can ngheo")) return "near_poor";
  if (n.includes("ngheo")) return "poor";
  if (n.includes("chinh sach")) return "policy";
  return "other";
}

/**
 * What refuses a row, by the single receipt's rules (`contributionRefusals`): rows that record money
 * or a gift for a household. `h` undefined: a household the commit will create.
 */
function rowRefusals(campaign: q.CampaignRow, r: { kind: SheetRow["kind"] }, h: q.HouseholdKey | undefined, exempted: Set<number>, date: string | null): Refusal[] {
  if (r.kind !== "cash" && r.kind !== "pledge" && r.kind !== "in_kind") return [];
  return contributionRefusals(campaign, h ?? null, { date, money: r.kind !== "in_kind", exemptedByName: h ? exempted.has(h.id) : false });
}

/** Checked before the upload is read: the caller may import into this hamlet's campaign (403/404). */
export async function checkImportAccess(db: Db, actor: Actor, unitId: number, campaignId: number): Promise<void> {
  await hamlet(db, actor, WRITERS, unitId);
  await campaignIn(db, unitId, campaignId);
}

/**
 * Parses an uploaded sheet in a worker thread (a large or crafted file must not hold up other
 * requests); a sheet refused for what it is becomes its 4xx. No database.
 */
export async function readSheet(bytes: Buffer): Promise<ParsedSheet> {
  try {
    return await parseSheetOffThread(bytes);
  } catch (err) {
    if (err instanceof SheetError) throw new AppError(SHEET_STATUS[err.code] ?? 422, err.code, err.params);
    throw err;
  }
}

/**
 * Reads the uploaded sheet and answers what it would record, row by row; writes only the preview.
 * A caller that parsed the sheet already (`readSheet`, outside the transaction: a 100,000-row sheet
 * takes seconds, and on SQLite a write transaction holds the one write lock) passes it in.
 */
export async function previewImport(
  trx: Knex.Transaction,
  actor: Actor,
  unitId: number,
  campaignId: number,
  file: { bytes: Buffer; filename: string },
  preParsed?: ParsedSheet,
): Promise<Preview> {
  await hamlet(trx, actor, WRITERS, unitId);
  const campaign = await campaignIn(trx, unitId, campaignId);
  if (campaign.status !== "open") throw new RuleViolation("campaign_closed", { campaignId });
  const contentHash = crypto.createHash("sha256").update(file.bytes).digest("hex");
  const sheet: ParsedSheet = preParsed ?? (await readSheet(file.bytes));
  const today = localDate(new Date(actor.at));
  const codes = [...new Set(sheet.rows.map((r) => r.code).filter((c): c is string => Boolean(c)))];
  const known = new Map<string, q.HouseholdKey>();
  for (let i = 0; i < codes.length; i += 5000) for (const h of await q.householdKeysByCodes(trx, unitId, codes.slice(i, i + 5000))) known.set(h.code, h);
  const exempted = new Set((await q.exemptionsOf(trx, campaignId)).map((e) => e.household_id));
  const receipts = await q.contributionsOf(trx, campaignId).where({ kind: "receipt" });
  const reversed = await ledger.reversedAmong(trx, receipts.map((r) => Number(r.entry_id)));
  const seen = new Map<string, number>();
  for (const r of receipts) if (!reversed.has(Number(r.entry_id))) seen.set(`${r.household_id}|${r.amount}|${r.entry_date}`, Number(r.entry_id));

  const parsed = sheet.rows;
  // The raw rows are garbage once mapped: 100,000 of them held twice would double the preview's memory.
  sheet.rows = []; // in place: the caller's reference lets go of them too
  const rows: PreviewRow[] = parsed.map((r) => {
    const h = r.code ? known.get(r.code) : undefined;
    const out: PreviewRow = {
      row: r.row, kind: r.kind, code: r.code, name: r.name, amount: r.amount, date: r.date, note: r.note,
      householdId: h?.id ?? null,
      bank: r.bank,
      inKind: r.inKind ?? null,
      errors: r.errors.map((e) => ({ field: e.field, column: e.column, problem: e.problem, raw: e.raw, message: e.message })),
    };
    const warnings: RowWarning[] = [];
    if (!h && r.code && r.name && r.kind !== "blank" && r.kind !== "total") out.newHousehold = true;
    if (h && r.name) {
      const same = compareNames(r.name, h.head_name);
      if (same !== "same") warnings.push({ problem: "name_mismatch", sheetName: r.name, registerName: h.head_name, diacriticsOnly: same === "diacritics_only" });
    }
    const dated = r.kind === "cash" && Boolean(r.date) && !r.errors.some((e) => e.field === "date");
    const refusals = rowRefusals(campaign, r, h, exempted, dated ? r.date : null);
    for (const x of refusals) {
      if (x.code === "household_inactive") {
        out.errors.push({ field: "code", column: sheet.header.columns.code?.label ?? null, problem: x.code, raw: r.code, message: `Hộ ${r.code} đã ngừng theo dõi` });
      } else if (x.code === "household_exempt") {
        out.errors.push({ field: "code", column: sheet.header.columns.code?.label ?? null, problem: x.code, raw: r.code, message: `Hộ ${r.code} được miễn đóng góp trong đợt này` });
      }
    }
    // A sheet's date outside the campaign (or still to come) is a bad cell of that row: `invalid_date`.
    const outside = refusals.some((x) => x.code === "before_campaign_start" || x.code === "campaign_closed");
    if (dated && r.date && (outside || r.date > today)) {
      out.errors.push({
        field: "date", column: sheet.header.columns.date?.label ?? null, problem: "invalid_date", raw: r.date.split("-").reverse().join("/"), // as the sheet shows it
        message: r.date > today ? `Ngày nộp ${r.date} chưa tới` : `Ngày nộp ${r.date} ngoài thời gian đợt vận động (từ ${campaign.start_date}${campaign.end_date ? ` đến ${campaign.end_date}` : ""})`,
      });
    }
    if (h && r.kind === "cash" && r.amount && r.date) {
      const dup = seen.get(`${h.id}|${r.amount}|${r.date}`);
      if (dup) warnings.push({ problem: "possible_duplicate", entryId: dup });
    }
    if (warnings.length) out.warnings = warnings;
    return out;
  });
  const fresh = new Set(rows.filter((r) => r.newHousehold && r.errors.length === 0).map((r) => r.code));
  const committed = await q.committedImport(trx, campaignId, contentHash);
  const preview: Omit<Preview, "id"> = {
    campaignId,
    fileType: sheet.fileType,
    sheet: sheet.sheet,
    contentHash,
    header: sheet.header,
    rows,
    totals: sheet.totals,
    newHouseholds: fresh.size,
    ...totalCheck(sheet, rows),
    valid: rows.every((r) => r.errors.length === 0),
    ...(committed ? { alreadyImported: true as const, duplicateOf: committed.id as number } : {}),
  };
  const id = await q.insertImport(trx, {
    unit_id: unitId, campaign_id: campaignId, content_hash: contentHash, file_type: sheet.fileType, file_name: file.filename || null,
    preview: await storePreview(preview), status: "preview", duplicate_of: committed?.id ?? null, created_by: actor.userId, created_at: actor.at,
  });
  await audit.record(trx, actor, { action: "import.previewed", entity: "import", entityId: id, unitId, details: { campaignId, rows: rows.length, valid: preview.valid, contentHash } });
  return { id, ...preview };
}

/**
 * The sheet's own totals row against what its rows add up to. A treasurer's SUM over the amount
 * column takes the pledged amounts too: either figure is the sheet agreeing with itself.
 */
function totalCheck(sheet: ParsedSheet, rows: PreviewRow[]): Pick<Preview, "sheetTotal" | "totalMatches" | "warnings"> {
  if (sheet.sheetTotal === null) {
    const warnings: SheetWarning[] = sheet.sheetTotalUnread === null ? [] : [{ problem: "total_unreadable", text: sheet.sheetTotalUnread, cashTotal: sheet.totals.cashTotal }];
    return { sheetTotal: null, totalMatches: null, warnings };
  }
  const cash = parseDong(sheet.totals.cashTotal);
  let pledged = ZERO;
  for (const r of rows) if (r.kind === "pledge" && r.amount && r.errors.length === 0) pledged = dong(pledged + parseDong(r.amount));
  const stated = parseDong(sheet.sheetTotal);
  const matches = stated === cash || stated === cash + pledged;
  const warnings: SheetWarning[] = matches ? [] : [{ problem: "total_mismatch", sheetTotal: sheet.sheetTotal, cashTotal: sheet.totals.cashTotal, pledgeTotal: toWire(pledged) }];
  return { sheetTotal: sheet.sheetTotal, totalMatches: matches, warnings };
}

/** What a commit recorded, row kinds counted. */
export type Recorded = ImportRecordedWire;

/** A commit: what it recorded and the rows left out, or nothing because the same file was committed before (`duplicateOf`). */
export type CommitResult = { id: number; recorded: Recorded; skipped: ImportSkippedWire[] } | { id: number; recorded: 0; duplicateOf: number };

/** What the treasurer decided on the preview: rows left out, and name differences confirmed (all, or row by row). */
export interface CommitChoices {
  skipRows?: number[];
  confirm?: "name_mismatch"[];
  confirmRows?: number[];
}

/** Row numbers as the problem's detail says them: "6, 17, 20" (the first 50). */
const rowList = (rows: PreviewRow[]) => ({ rows: rows.slice(0, 50).map((r) => r.row), count: rows.length, rowList: rows.slice(0, 50).map((r) => r.row).join(", ") + (rows.length > 50 ? ", …" : "") });

/**
 * Records every row of a preview not skipped, in one transaction, or nothing: any row left with an
 * error, or naming a household otherwise than the register without a confirmation, refuses the
 * whole commit. A file already imported records nothing.
 */
export async function commitImport(trx: Knex.Transaction, actor: Actor, unitId: number, campaignId: number, importId: number, choices: CommitChoices = {}): Promise<CommitResult> {
  await authorize(trx, actor, [...WRITERS], unitId);
  const campaign = await campaignIn(trx, unitId, campaignId);
  const imp = await q.findImport(trx, unitId, campaignId, importId);
  if (!imp) throw new NotFoundError("import", { id: importId });
  if (imp.status === "committed") return { id: importId, recorded: 0, duplicateOf: importId };
  const earlier = await q.committedImport(trx, campaignId, imp.content_hash);
  if (earlier) return { id: importId, recorded: 0, duplicateOf: earlier.id };
  if (campaign.status !== "open") throw new RuleViolation("campaign_closed", { campaignId });
  const preview = readPreview(imp.preview);
  const sheetRows = preview.rows.filter((r) => r.kind !== "blank" && r.kind !== "total");
  const skip = new Set(choices.skipRows ?? []);
  const confirmRows = new Set(choices.confirmRows ?? []);
  const numbers = new Set(sheetRows.map((r) => r.row));
  const unknown = [...new Set([...skip, ...confirmRows])].filter((n) => !numbers.has(n)).sort((a, b) => a - b);
  if (unknown.length) throw new RuleViolation("import_rows_unknown", { rows: unknown.slice(0, 50), rowList: unknown.slice(0, 50).join(", ") });
  const bad = sheetRows.filter((r) => r.errors.length && !skip.has(r.row));
  if (bad.length) throw new RuleViolation("import_invalid", { badRows: bad.length, ...rowList(bad) });
  const data = sheetRows.filter((r) => !skip.has(r.row));
  if (!data.length) throw new RuleViolation("import_nothing_left", { skipped: skip.size });
  const skipped: ImportSkippedWire[] = sheetRows.filter((r) => skip.has(r.row)).map((r) => ({ row: r.row, code: r.code, name: r.name }));
  // Households: those the sheet names that the hamlet does not have yet are created now.
  const codes = [...new Set(data.map((r) => r.code!))];
  const byCode = new Map<string, q.HouseholdKey>();
  const load = async () => {
    for (let i = 0; i < codes.length; i += 5000) for (const h of await q.householdKeysByCodes(trx, unitId, codes.slice(i, i + 5000))) byCode.set(h.code, h);
  };
  await load();
  // Names against the register as it is now (a household registered or renamed since the preview
  // is compared too): a row confirmed one by one covers only the difference the treasurer saw.
  const mismatched = data.filter((r) => {
    const h = byCode.get(r.code!);
    return h !== undefined && r.name !== null && compareNames(r.name, h.head_name) !== "same";
  });
  const confirmAll = choices.confirm?.includes("name_mismatch") === true;
  const unconfirmed = confirmAll ? [] : mismatched.filter((r) => !confirmRows.has(r.row));
  if (unconfirmed.length) throw new RuleViolation("name_mismatch_unconfirmed", rowList(unconfirmed));
  // The households may have changed since the preview (deactivated, exempted): the same checks again,
  // and still all rows or none.
  const exempted = new Set((await q.exemptionsOf(trx, campaignId)).map((e) => e.household_id));
  const refused = data.filter((r) => rowRefusals(campaign, r, byCode.get(r.code!), exempted, r.kind === "cash" ? r.date : null).length > 0);
  if (refused.length) throw new RuleViolation("import_invalid", { badRows: refused.length, ...rowList(refused) });
  const freshCodes = new Set<string>();
  const fresh = data.filter((r) => !byCode.has(r.code!) && !freshCodes.has(r.code!) && freshCodes.add(r.code!));
  if (fresh.length) {
    await q.insertHouseholds(
      trx,
      fresh.map((r) => {
        const name = tidyName(r.name ?? r.code!);
        return { unit_id: unitId, code: r.code!, head_name: name, search_text: foldVi(`${r.code} ${name}`), address: null, members: null, category: r.kind === "exempt" ? categoryFromNote(r.note) : "normal", phone: null, created_at: actor.at };
      }),
    );
    await load();
  }

  const owed = new Map<number, Dong>();
  for (const s of await ledger.campaignSums(trx, unitId, campaignId)) if (s.account === ledger.CHART.pledges && s.householdId !== null) owed.set(s.householdId, dong((owed.get(s.householdId) ?? ZERO) + s.total));
  const exemptions: object[] = [];
  const inKind: object[] = [];
  const already = exempted;
  let cash = 0;
  let pledges = 0;
  // Each cash receipt's household is told, as for a receipt recorded alone (ids are read back below).
  const told: { entryId: number; householdId: number; amount: string; voucherNo: string; date: string }[] = [];
  // A chunk at a time, all inside the one transaction: memory stays bounded for 100,000 rows.
  for (let start = 0; start < data.length; start += CHUNK) {
    const entries: ledger.EntryInput[] = [];
    const links: { row: PreviewRow; household: q.HouseholdKey; kind: "receipt" | "pledge" }[] = [];
    for (const r of data.slice(start, start + CHUNK)) {
      const h = byCode.get(r.code!)!;
      if (r.kind === "cash") {
        const amount = parseDong(r.amount!);
        const o = owed.get(h.id) ?? ZERO;
        const settled = pledgeSettled(o, amount);
        if (settled > 0n) owed.set(h.id, dong(o - settled));
        entries.push(receiptEntry(campaign, h, { date: r.date!, amount, method: r.bank ? "bank" : "cash", settled }));
        links.push({ row: r, household: h, kind: "receipt" });
      } else if (r.kind === "pledge") {
        const amount = parseDong(r.amount!);
        owed.set(h.id, dong((owed.get(h.id) ?? ZERO) + amount));
        // Dated at the campaign's start: a sheet's pledge column has no date of its own.
        entries.push(pledgeEntry(campaign, h, { date: campaign.start_date, amount }));
        links.push({ row: r, household: h, kind: "pledge" });
      } else if (r.kind === "exempt") {
        if (!already.has(h.id)) exemptions.push({ unit_id: unitId, campaign_id: campaignId, household_id: h.id, reason: r.note ?? "Miễn", import_id: importId, created_by: actor.userId, created_at: actor.at });
        already.add(h.id);
      } else if (r.kind === "in_kind") {
        inKind.push({
          unit_id: unitId, campaign_id: campaignId, household_id: h.id, kind: "in_kind", amount: null, method: null, payer: null, note: r.note,
          entry_date: r.date ?? campaign.start_date, due_date: null, entry_id: null, in_kind_kind: r.inKind?.kind ?? "labour",
          quantity: r.inKind?.quantity ?? "1", quantity_unit: r.inKind?.unit ?? "", import_id: importId,
          created_by: actor.userId, created_at: actor.at,
        });
      }
    }
    const posted = await ledger.postEntries(trx, actor, unitId, entries, { audit: false, because: asSystem("an import of contributions") });
    await q.insertContributions(
      trx,
      posted.map((e, j) => {
        const l = links[j];
        return {
          unit_id: unitId, campaign_id: campaignId, household_id: l.household.id, kind: l.kind, amount: l.row.amount,
          method: l.kind === "receipt" ? (l.row.bank ? "bank" : "cash") : null, payer: null, note: l.row.note, entry_date: e.date, due_date: null,
          entry_id: e.id, in_kind_kind: null, quantity: null, quantity_unit: null, import_id: importId, created_by: actor.userId, created_at: actor.at,
          chain_head: l.kind === "receipt" ? `${e.seq}:${e.hash}` : null,
        };
      }),
    );
    posted.forEach((e, j) => {
      if (links[j].kind === "receipt") told.push({ entryId: Number(e.id), householdId: links[j].household.id, amount: links[j].row.amount!, voucherNo: e.voucherNo, date: e.date });
    });
    cash += links.filter((l) => l.kind === "receipt").length;
    pledges += links.filter((l) => l.kind === "pledge").length;
  }
  await q.insertContributions(trx, inKind as Omit<q.ContributionRow, "id">[]);
  await q.insertExemptions(trx, exemptions);
  if (told.length) {
    const ids = new Map((await q.receiptIdsOfImport(trx, importId)).map((r) => [Number(r.entry_id), Number(r.id)]));
    await notify.enqueueMany(trx, actor.at, told.map((r) => ({ kind: "receipt" as const, unitId, refId: ids.get(r.entryId)!, householdId: r.householdId, amount: r.amount, campaign: campaign.name, voucherNo: r.voucherNo, date: r.date })));
  }
  const recorded: Recorded = {
    cash,
    pledges,
    exemptions: exemptions.length,
    inKind: inKind.length,
    households: fresh.length,
  };
  try {
    await q.markImportCommitted(trx, importId, actor.at, recorded);
  } catch {
    // The same file committed by a concurrent request: this transaction records nothing.
    throw new ConflictError("already_imported", { importId });
  }
  // Who confirmed which difference, and which rows were left out: the money's way is answerable.
  const confirmed = mismatched.slice(0, 200).map((r) => ({ row: r.row, code: r.code, sheetName: r.name, registerName: byCode.get(r.code!)!.head_name }));
  await audit.record(trx, actor, {
    action: "import.committed", entity: "import", entityId: importId, unitId,
    details: { campaignId, ...recorded, skippedRows: skipped.slice(0, 200).map((r) => r.row), skippedCount: skipped.length, namesConfirmed: confirmed, namesConfirmedCount: mismatched.length },
  });
  return { id: importId, recorded, skipped };
}
