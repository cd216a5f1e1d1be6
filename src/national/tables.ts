// What a province sends to the national read copy, in one place. The national copy serves public
// pages, verification, OC4IDS and open data: only what those read is replicated (a PostgreSQL 15
// publication with these column lists). Everything else is private to the province: who signs in
// and how, phone numbers, PINs, notification subscriptions and their outbox, the audit trail,
// household ballots and the sheets people imported. Rows that migrations insert (account templates,
// chart roles) exist on both sides already and are not replicated.
// test/national/tables.test.ts fails when a table or column appears that is in neither list.

/** Replicated tables and the columns sent (the primary key always among them). */
export const REPLICATED: Readonly<Record<string, readonly string[]>> = {
  units: ["id", "code", "name", "kind", "parent_id", "path", "is_active", "succeeded_by_id", "approval_threshold", "created_at", "feedback_answer_days", "cash_difference_minor", "cash_difference_critical", "board_composition_required"],
  accounts: ["id", "unit_id", "code", "name", "type", "parent_code", "no_overdraft", "is_active", "created_at"],
  account_days: ["account_id", "entry_date", "unit_id", "debit", "credit", "postings"],
  entries: ["id", "unit_id", "seq", "voucher_series", "voucher_year", "voucher_number", "voucher_no", "entry_date", "kind", "description", "household_id", "campaign_id", "work_id", "reverses_id", "created_by", "created_by_name", "created_at", "prev_hash", "hash", "hash_version", "payee"],
  postings: ["id", "entry_id", "unit_id", "account_id", "amount", "memo", "entry_date", "seq"],
  ledger_heads: ["unit_id", "seq", "hash"],
  closings: ["id", "unit_id", "through", "chain_seq", "chain_hash", "balances", "created_by", "created_at"],
  year_closings: ["id", "unit_id", "year", "entry_id", "closing_id", "opening_balances", "created_by", "created_at"],
  calendar_days: ["id", "unit_id", "day", "name", "kind", "created_by", "created_at"],
  // A household's name and code stand on published contribution lists; address, members, phone
  // and PIN do not leave the province.
  households: ["id", "unit_id", "code", "head_name", "search_text", "category", "is_active", "created_at"],
  household_activity: ["id", "household_id", "is_active", "changed_at"],
  campaigns: ["id", "unit_id", "name", "purpose", "fund_account", "work_id", "decision_date", "minutes_ref", "households_total", "households_present", "households_agreeing", "level_amount", "level_per", "exempt_categories", "in_kind_values", "start_date", "end_date", "target", "revenue_account_id", "in_kind_account_id", "status", "created_by", "created_at", "decision_id"],
  campaign_household_totals: ["campaign_id", "household_id", "unit_id", "cash", "receivable"],
  contributions: ["id", "unit_id", "campaign_id", "household_id", "kind", "amount", "method", "payer", "note", "entry_date", "due_date", "entry_id", "in_kind_kind", "quantity", "quantity_unit", "import_id", "created_by", "created_at", "chain_head"],
  exemptions: ["id", "unit_id", "campaign_id", "household_id", "reason", "import_id", "created_by", "created_at"],
  reductions: ["id", "unit_id", "campaign_id", "household_id", "suggested_amount", "reason", "created_by", "created_at"],
  works: ["id", "unit_id", "number", "name", "location", "category", "description", "contractor", "planned_start", "planned_end", "actual_start", "actual_end", "status", "progress", "accounts", "created_by", "created_at", "updated_at", "decision_id"],
  work_lines: ["id", "work_id", "unit_id", "kind", "category", "amount", "campaign_id"],
  work_progress: ["id", "work_id", "unit_id", "date", "percent", "note", "created_by", "created_at"],
  work_transitions: ["id", "work_id", "unit_id", "from_status", "to_status", "date", "note", "decision", "created_by", "created_by_name", "created_at"],
  work_holds: ["id", "work_id", "unit_id", "finding_id", "placed_at", "lifted_at"],
  expenses: ["id", "unit_id", "work_id", "kind", "category", "amount", "entry_date", "payee", "description", "method", "status", "entry_id", "voucher_no", "drafted_by", "drafted_by_name", "created_at", "decided_by", "decided_by_name", "decided_at", "reject_reason"],
  attachments: ["id", "unit_id", "sha256", "mime", "size", "original_name", "uploaded_by", "uploaded_by_name", "created_at"],
  attachment_links: ["id", "attachment_id", "unit_id", "kind", "ref_id", "is_public", "created_at"],
  consultations: ["id", "unit_id", "work_id", "question", "opens_at", "closes_at", "created_by", "created_at"],
  opinions: ["id", "consultation_id", "unit_id", "household_id", "choice", "comment", "created_at"],
  consultation_responses: ["id", "consultation_id", "unit_id", "work_id", "summary", "created_by", "created_at", "updated_at", "published_at", "published_by", "published_by_name"],
  consultation_response_items: ["id", "response_id", "unit_id", "position", "topic", "taken_up", "reason"],
  decisions: ["id", "unit_id", "title", "subject", "method", "held_on", "minutes_attachment_id", "households_total", "threshold_rule", "present", "agree", "disagree", "abstain", "status", "voted_on", "submit_by", "created_by", "created_at", "updated_at"],
  decision_settings: ["unit_id", "work_investment_rule", "submit_within_days", "updated_by", "updated_at"],
  decision_transitions: ["id", "decision_id", "unit_id", "from_status", "to_status", "reason", "created_by", "created_by_name", "created_at"],
  // A resident's name and how to reach them stay in the province; the question and its answer are public.
  feedback: ["id", "unit_id", "work_id", "text", "photos", "created_at", "due_date", "answer", "answered_at", "answered_by", "answered_by_name", "board_id", "finding_id"],
  feedback_photos: ["attachment_id", "unit_id", "work_id", "feedback_id", "created_at"],
  boards: ["id", "unit_id", "kind", "name", "term_start", "term_end", "created_at"],
  board_units: ["board_id", "unit_id"],
  board_works: ["board_id", "work_id", "unit_id"],
  inspections: ["id", "board_id", "unit_id", "work_id", "inspection_date", "members_present", "checklist", "status", "created_by", "created_at", "updated_at", "filed_at", "published_at", "chain_head"],
  inspection_addenda: ["id", "inspection_id", "unit_id", "text", "attachments", "created_by", "created_by_name", "created_at"],
  cash_counts: ["id", "board_id", "unit_id", "counted_at", "count_date", "denominations", "counted", "ledger_balance", "difference", "counters", "created_by", "created_at", "chain_head"],
  findings: ["id", "board_id", "unit_id", "work_id", "inspection_id", "cash_count_id", "feedback_id", "category", "severity", "description", "recommendation", "addressed_to", "due_date", "evidence", "status", "escalated_to", "created_by", "created_at", "updated_at", "names_public"],
  finding_transitions: ["id", "finding_id", "unit_id", "from_status", "to_status", "text", "escalated_to", "attachments", "author_id", "author_name", "at"],
  publications: ["id", "unit_id", "kind", "params", "places", "posted_from", "posted_until", "status", "supersedes_id", "superseded_by_id", "drafted_by", "drafted_by_name", "drafted_at", "approved_by", "approved_by_name", "published_at", "code", "data_hash", "chain_seq", "chain_hash", "period_from", "period_to", "pdf_file", "pdf_sha256", "xlsx_file", "xlsx_sha256", "subject", "announcement", "hash_version", "figures"],
  publication_postings: ["id", "unit_id", "publication_id", "place", "posted_at", "photo_attachment_id", "posted_by", "taken_down_at", "recorded_by", "created_at"],
  publication_opinions: ["id", "unit_id", "publication_id", "board_id", "board_name", "stance", "text", "by_user", "by_name", "created_at"],
  publication_settings: ["unit_id", "min_posting_days"],
};

/** Tables that never leave the province, and why (seeded: migrations insert the same rows everywhere). */
export const PRIVATE: Readonly<Record<string, string>> = {
  users: "sign-in names, password hashes, phone numbers",
  sessions: "sign-in tokens",
  grants: "who may do what",
  failed_attempts: "sign-in and PIN failures, with addresses",
  audit_events: "the audit trail, with addresses",
  idempotency_keys: "retried requests and their answers",
  subscriptions: "residents' phone numbers and addresses for notifications",
  outbox_events: "notifications waiting to be sent",
  outbox: "notifications waiting to be sent",
  channel_tokens: "a notification channel's credential (Zalo's rotating refresh token)",
  imports: "the sheets people imported, as they were",
  decision_ballots: "how each household voted",
  household_moves: "the register's own history",
  voucher_heads: "the next voucher number: only the province numbers vouchers",
  attachment_scrubs: "a housekeeping record of the province's files",
  account_templates: "seeded",
  chart_roles: "seeded",
};

/** Columns of a replicated table that are kept back (listed so that a new column must be classified). */
export const PRIVATE_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  households: ["address", "members", "phone", "pin_hash", "pin_set_at", "pin_locked_at"],
  feedback: ["name", "contact", "household_id"],
};

export const replicatedTables = (): string[] => Object.keys(REPLICATED);
