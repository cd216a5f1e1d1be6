import { AppError, ConflictError, NotFoundError, RuleViolation } from "../shared/errors";

// Translates what the database refused into our errors, for both engines. Triggers raise a
// message that starts with a stable code ("append_only: postings"), so code and database agree.
export function translateDbError(err: unknown): AppError | undefined {
  if (!err || typeof err !== "object") return undefined;
  const e = err as { code?: string; errno?: number; message?: string; constraint?: string; detail?: string };
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
    return new ConflictError("conflict");
  }
  if (e.code === "23503" || (e.code === "SQLITE_CONSTRAINT" && /FOREIGN KEY/.test(msg))) {
    return new RuleViolation("reference_invalid", {});
  }
  if (e.code === "23514" || (e.code === "SQLITE_CONSTRAINT" && /CHECK constraint failed/.test(msg))) {
    return new RuleViolation("constraint_violated", {});
  }
  return undefined;
}
