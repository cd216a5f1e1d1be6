// A household's code is unique in its hamlet without regard to case, and kept upper-case: "dt-001"
// typed in a hurry is DT-001, in a form, a sheet or a resident's PIN sign-in alike. The database
// holds it too (code = upper(code), and the unique (unit_id, code)).

/** The code as stored and compared: trimmed, upper-case. */
export function householdCode(typed: string): string {
  return typed.trim().toUpperCase();
}
