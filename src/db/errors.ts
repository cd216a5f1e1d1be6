import { AppError, ConflictError, NotFoundError, RuleViolation } from "../shared/errors";

// Translates what the database refused into our errors, for both engines. Triggers raise a
// message that starts with a stable code ("append_only: postings"), so code and database agree.
// A constraint that stands for a ledger rule answers with that rule's code on both engines
// (src/ledger/CONTEXT.md, "Rules"): PostgreSQL names the constraint, SQLite names its columns or
// quotes its CHECK.

interface Refusal {
  code?: string;
  message?: string;
  constraint?: string;
  table?: string;
}

/** Unique constraints that are ledger rules: PostgreSQL's name, SQLite's "table.column, …". */
const UNIQUE_RULES: { pg: string; sqlite: string; error: () => AppError }[] = [
  { pg: "entries_unit_id_seq_unique", sqlite: "entries.unit_id, entries.seq", error: () => new RuleViolation("chain_broken", {}) },
  {
    pg: "entries_unit_id_voucher_series_voucher_year_voucher_number_uniq",
    sqlite: "entries.unit_id, entries.voucher_series, entries.voucher_year, entries.voucher_number",
    error: () => new RuleViolation("voucher_gap", {}),
  },
  { pg: "entries_reverses_id_unique", sqlite: "entries.reverses_id", error: () => new ConflictError("already_reversed") },
];

/** CHECK constraints that are rules of their own: PostgreSQL's name, SQLite's expression. */
const CHECK_RULES: { pg: string; sqlite: string; code: string }[] = [
  { pg: "postings_amount_check", sqlite: "amount <> 0", code: "zero_amount" },
  { pg: "units_feedback_answer_days_check", sqlite: "feedback_answer_days BETWEEN 1 AND 365", code: "constraint_violated" },
];

function uniqueRule(e: Refusal, msg: string): AppError | undefined {
  const sqlite = /UNIQUE constraint failed: (.*)$/.exec(msg)?.[1]?.trim();
  return UNIQUE_RULES.find((u) => (e.code === "23505" ? u.pg === e.constraint : u.sqlite === sqlite))?.error();
}

function checkRule(e: Refusal, msg: string): string {
  if (e.code === "23514") {
    const named = CHECK_RULES.find((c) => c.pg === e.constraint);
    if (named) return named.code;
    // migrations/lib/triggers.ts oneOf: a CHECK named <table>_<column>_check here, a trigger
    // raising invalid_<column> on SQLite.
    const prefix = `${e.table}_`;
    if (e.table && e.constraint?.startsWith(prefix) && e.constraint.endsWith("_check")) {
      return `invalid_${e.constraint.slice(prefix.length, -"_check".length)}`;
    }
    return "constraint_violated";
  }
  const sqlite = /CHECK constraint failed: (.*)$/.exec(msg)?.[1]?.trim();
  return CHECK_RULES.find((c) => c.sqlite === sqlite)?.code ?? "constraint_violated";
}

export function translateDbError(err: unknown): AppError | undefined {
  if (!err || typeof err !== "object") return undefined;
  const e = err as Refusal;
  const msg = e.message ?? "";
  // pg: RAISE EXCEPTION -> P0001 (knex prefixes the SQL and " - "); sqlite: RAISE(ABORT) -> SQLITE_CONSTRAINT
  const raised =
    e.code === "P0001"
      ? /(?:^| - )([a-z_]+): ?([^\n]*)$/.exec(msg)
      : e.code === "SQLITE_CONSTRAINT"
        ? /SQLITE_CONSTRAINT: ([a-z_]+): ?([^\n]*)$/.exec(msg)
        : null;
  // A cross-unit reference refused by the database (migrations/lib/references.ts) reads as the
  // service's own answer: that entity is not found in the unit.
  if (raised?.[1] === "not_found") return new NotFoundError(raised[2].trim());
  if (raised) return new RuleViolation(raised[1], { detail: raised[2] });
  if (e.code === "23505" || (e.code === "SQLITE_CONSTRAINT" && /UNIQUE constraint failed/.test(msg))) {
    return uniqueRule(e, msg) ?? new ConflictError("conflict");
  }
  // A posting's account that does not exist at all: SQLite's trigger says so before its FK check.
  if (e.code === "23503" && e.constraint === "postings_account_id_fkey") return new RuleViolation("unknown_account", {});
  if (e.code === "23503" || (e.code === "SQLITE_CONSTRAINT" && /FOREIGN KEY/.test(msg))) {
    return new RuleViolation("reference_invalid", {});
  }
  if (e.code === "23514" || (e.code === "SQLITE_CONSTRAINT" && /CHECK constraint failed/.test(msg))) {
    return new RuleViolation(checkRule(e, msg), {});
  }
  return undefined;
}
