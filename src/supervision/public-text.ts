import type { Db } from "../db/knex";
import { householdLabels, householdsOn } from "../contributions";

// law.md L9: a finding's public text names no household unless the board marks it as agreed to be
// public (`namesPublic`). Where the public reads a finding (a work's public page, published minutes
// and reports), the names of the heads of the unit's registered households and their codes are
// replaced by a neutral word; staff and the board read the text as written.

export const MASK = "[hộ gia đình]";

/** Household codes and heads' names of a unit's registered households (all of them, whenever registered). */
export async function householdWords(db: Db, unitIds: number[]): Promise<string[]> {
  const words = new Set<string>();
  for (const unitId of new Set(unitIds)) {
    // the register as it stands: every household of the unit now
    const labels = await householdLabels(db, await householdsOn(db, unitId, "9999-12-31"));
    for (const l of labels.values()) for (const w of [l.code, l.headName]) if (w.trim().length >= 2) words.add(w.trim());
  }
  // the longest first: a full name is masked before a shorter one inside it
  return [...words].sort((a, b) => b.length - a.length);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The text with each of `words` (whole words, any case) masked. */
export function maskHouseholds(text: string, words: string[]): string {
  let out = text;
  for (const w of words) out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escape(w)}(?![\\p{L}\\p{N}])`, "giu"), MASK);
  return out;
}

/** A finding's texts as the public reads them: masked unless the board marked them as agreed to be public. */
export function publicFindingText<T extends { description: string; recommendation: string }>(f: T, namesPublic: boolean, words: string[]): T {
  if (namesPublic || !words.length) return f;
  return { ...f, description: maskHouseholds(f.description, words), recommendation: maskHouseholds(f.recommendation, words) };
}
