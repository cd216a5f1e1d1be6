import type { Knex } from "knex";
import type { Db } from "../db/knex";
import { Actor, authorize, audit, SystemReason } from "../identity";
import { ConflictError, NotFoundError } from "../shared/errors";
import { CHART } from "./chart";
import * as q from "./queries";
import { POSTERS, READERS, toAccount } from "./types";
import type { Account, AccountType } from "./types";

// A unit's chart of accounts: opened from a template with the unit, accounts opened, renamed and
// (de)activated, never deleted.
/** Gives a new unit its chart of accounts from the template (DESIGN §3). Called when a unit is created. */
export async function openBooks(trx: Knex.Transaction, actor: Actor, unitId: number, template = "default"): Promise<void> {
  const rows = await q.templateAccounts(trx, template);
  if (!rows.length) return;
  await q.insertAccounts(
    trx,
    rows.map((t) => ({
      unit_id: unitId,
      code: t.code,
      name: t.name,
      type: t.type,
      parent_code: null,
      no_overdraft: t.no_overdraft,
      is_active: true,
      created_at: actor.at,
    })),
  );
}

export async function listAccounts(db: Db, actor: Actor, unitId: number): Promise<Account[]> {
  await authorize(db, actor, READERS, unitId);
  return (await q.listAccounts(db, unitId)).map(toAccount);
}

export interface AccountInput {
  code: string;
  name: string;
  type: AccountType;
  parentCode?: string;
  noOverdraft?: boolean;
}

/**
 * Opens an account in a unit (codes unique per unit): the unit's treasurer or an admin. Another
 * module that has authorized its own caller for what it records (a campaign's revenue account, a
 * work's cost accounts) states `because` instead; the opening's audit record keeps that reason.
 */
export async function openAccount(trx: Knex.Transaction, actor: Actor, unitId: number, input: AccountInput, because?: SystemReason): Promise<Account> {
  if (!because) await authorize(trx, actor, [...POSTERS], unitId);
  if (await q.findAccount(trx, unitId, input.code)) throw new ConflictError("duplicate", { entity: "account", field: "code" });
  if (input.parentCode && !(await q.findAccount(trx, unitId, input.parentCode))) throw new NotFoundError("account", { code: input.parentCode });
  const [row] = await q.insertAccounts(trx, [
    {
      unit_id: unitId,
      code: input.code,
      name: input.name,
      type: input.type,
      parent_code: input.parentCode ?? null,
      no_overdraft: input.noOverdraft ?? input.code === CHART.cash,
      is_active: true,
      created_at: actor.at,
    },
  ]);
  const id = typeof row === "object" ? (row as { id: number }).id : (row as number);
  await audit.record(trx, actor, { action: "account.opened", entity: "account", entityId: id, unitId, details: { code: input.code, name: input.name, ...(because && { reason: because.reason }) } });
  return toAccount((await q.findAccount(trx, unitId, input.code))!);
}

/** Renames or (de)activates an account; accounts are never deleted. */
export async function updateAccount(trx: Knex.Transaction, actor: Actor, unitId: number, code: string, patch: { name?: string; isActive?: boolean }): Promise<Account> {
  await authorize(trx, actor, [...POSTERS], unitId);
  const acc = await q.findAccount(trx, unitId, code);
  if (!acc) throw new NotFoundError("account", { code });
  const row: Partial<q.AccountRow> = {};
  if (patch.name !== undefined) row.name = patch.name;
  if (patch.isActive !== undefined) row.is_active = patch.isActive;
  await q.updateAccount(trx, acc.id, row);
  const action = patch.isActive === false ? "account.deactivated" : patch.isActive === true ? "account.activated" : "account.renamed";
  await audit.record(trx, actor, { action, entity: "account", entityId: acc.id, unitId, details: { code, patch } });
  return toAccount((await q.findAccount(trx, unitId, code))!);
}

/** An account by code, for modules that post to it (undefined when the unit has none). */
export async function findAccount(db: Db, unitId: number, code: string): Promise<Account | undefined> {
  const r = await q.findAccount(db, unitId, code);
  return r && toAccount(r);
}

/** The first code in [from, to] the unit does not use yet (campaigns' 7xx, works' 8xx). */
export async function nextFreeCode(db: Db, unitId: number, from: number, to: number): Promise<string | undefined> {
  const used = new Set((await q.listAccounts(db, unitId)).map((a) => a.code));
  for (let c = from; c <= to; c++) if (!used.has(String(c))) return String(c);
  return undefined;
}

export async function findAccountById(db: Db, id: number): Promise<Account | undefined> {
  const r = await q.accountById(db, id);
  return r && toAccount(r);
}
