import { ADMINS, Case } from "../helpers/authz";

// Backups copy every unit's books: installation and commune admins only. The matrix's app has no
// BACKUP_DIR, so an admin's "back up now" is told so (409).
export const CASES: Record<string, Case> = {
  "GET /admin/status": { expect: ADMINS(200) },
  "GET /admin/backups": { expect: ADMINS(200) },
  "POST /admin/backups": { expect: ADMINS(409) },
};
