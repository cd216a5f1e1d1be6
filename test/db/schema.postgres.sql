-- The schema a fresh migration leaves on PostgreSQL, sorted; written by `npm run schema:dump`.
-- test/db/schema.test.ts fails when it differs from the live schema: a schema change shows in review.

-- table account_days
CREATE TABLE account_days (
  account_id integer NOT NULL,
  entry_date character varying(10) NOT NULL,
  unit_id integer NOT NULL,
  debit bigint NOT NULL DEFAULT '0'::bigint,
  credit bigint NOT NULL DEFAULT '0'::bigint,
  postings integer NOT NULL DEFAULT 0,
  CONSTRAINT account_days_account_id_foreign FOREIGN KEY (account_id) REFERENCES accounts(id),
  CONSTRAINT account_days_pkey PRIMARY KEY (account_id, entry_date)
);

-- table account_templates
CREATE TABLE account_templates (
  template character varying(32) NOT NULL,
  code character varying(16) NOT NULL,
  name character varying(200) NOT NULL,
  type character varying(16) NOT NULL,
  no_overdraft boolean NOT NULL DEFAULT false,
  CONSTRAINT account_templates_pkey PRIMARY KEY (template, code)
);

-- table accounts
CREATE TABLE accounts (
  id integer NOT NULL DEFAULT nextval('accounts_id_seq'::regclass),
  unit_id integer NOT NULL,
  code character varying(16) NOT NULL,
  name character varying(200) NOT NULL,
  type character varying(16) NOT NULL,
  parent_code character varying(16),
  no_overdraft boolean NOT NULL DEFAULT false,
  is_active boolean NOT NULL DEFAULT true,
  created_at character varying(30) NOT NULL,
  CONSTRAINT accounts_pkey PRIMARY KEY (id),
  CONSTRAINT accounts_type_check CHECK (((type)::text = ANY ((ARRAY['asset'::character varying, 'liability'::character varying, 'net_assets'::character varying, 'revenue'::character varying, 'expense'::character varying])::text[]))),
  CONSTRAINT accounts_unit_id_code_unique UNIQUE (unit_id, code),
  CONSTRAINT accounts_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id)
);

-- table attachment_links
CREATE TABLE attachment_links (
  id integer NOT NULL DEFAULT nextval('attachment_links_id_seq'::regclass),
  attachment_id integer NOT NULL,
  unit_id integer NOT NULL,
  kind character varying(24) NOT NULL,
  ref_id integer NOT NULL,
  is_public boolean NOT NULL DEFAULT false,
  created_at character varying(30) NOT NULL,
  CONSTRAINT attachment_links_attachment_id_foreign FOREIGN KEY (attachment_id) REFERENCES attachments(id),
  CONSTRAINT attachment_links_pkey PRIMARY KEY (id),
  CONSTRAINT attachment_links_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id)
);

-- table attachment_scrubs
CREATE TABLE attachment_scrubs (
  attachment_id integer NOT NULL,
  sha256 character varying(64),
  size integer,
  scrubbed_at character varying(30),
  CONSTRAINT attachment_scrubs_attachment_id_foreign FOREIGN KEY (attachment_id) REFERENCES attachments(id),
  CONSTRAINT attachment_scrubs_filled_together CHECK ((((sha256 IS NULL) AND (size IS NULL) AND (scrubbed_at IS NULL)) OR ((sha256 IS NOT NULL) AND (size IS NOT NULL) AND (scrubbed_at IS NOT NULL)))),
  CONSTRAINT attachment_scrubs_pkey PRIMARY KEY (attachment_id)
);

-- table attachments
CREATE TABLE attachments (
  id integer NOT NULL DEFAULT nextval('attachments_id_seq'::regclass),
  unit_id integer NOT NULL,
  sha256 character varying(64) NOT NULL,
  mime character varying(32) NOT NULL,
  size integer NOT NULL,
  original_name character varying(200),
  uploaded_by integer,
  uploaded_by_name character varying(200),
  created_at character varying(30) NOT NULL,
  CONSTRAINT attachments_pkey PRIMARY KEY (id),
  CONSTRAINT attachments_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id)
);

-- table audit_events
CREATE TABLE audit_events (
  id bigint NOT NULL DEFAULT nextval('audit_events_id_seq'::regclass),
  at character varying(30) NOT NULL,
  actor_id integer,
  actor_name character varying(200),
  action character varying(64) NOT NULL,
  entity character varying(64) NOT NULL,
  entity_id character varying(64),
  unit_id integer,
  ip character varying(64),
  request_id character varying(64),
  details text,
  CONSTRAINT audit_events_pkey PRIMARY KEY (id)
);

-- table board_units
CREATE TABLE board_units (
  board_id integer NOT NULL,
  unit_id integer NOT NULL,
  CONSTRAINT board_units_board_id_foreign FOREIGN KEY (board_id) REFERENCES boards(id),
  CONSTRAINT board_units_pkey PRIMARY KEY (board_id, unit_id),
  CONSTRAINT board_units_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id)
);

-- table board_works
CREATE TABLE board_works (
  board_id integer NOT NULL,
  work_id integer NOT NULL,
  unit_id integer NOT NULL,
  CONSTRAINT board_works_board_id_foreign FOREIGN KEY (board_id) REFERENCES boards(id),
  CONSTRAINT board_works_pkey PRIMARY KEY (board_id, work_id),
  CONSTRAINT board_works_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id),
  CONSTRAINT board_works_work_id_foreign FOREIGN KEY (work_id) REFERENCES works(id)
);

-- table boards
CREATE TABLE boards (
  id integer NOT NULL DEFAULT nextval('boards_id_seq'::regclass),
  unit_id integer NOT NULL,
  kind character varying(16) NOT NULL,
  name character varying(200) NOT NULL,
  term_start character varying(10),
  term_end character varying(10),
  created_at character varying(30) NOT NULL,
  CONSTRAINT boards_kind_check CHECK (((kind)::text = ANY ((ARRAY['gsdtcd'::character varying, 'ttnd'::character varying])::text[]))),
  CONSTRAINT boards_pkey PRIMARY KEY (id),
  CONSTRAINT boards_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id)
);

-- table calendar_days
CREATE TABLE calendar_days (
  id integer NOT NULL DEFAULT nextval('calendar_days_id_seq'::regclass),
  unit_id integer NOT NULL,
  day character varying(10) NOT NULL,
  name character varying(200) NOT NULL,
  kind character varying(16) NOT NULL,
  created_by integer,
  created_at character varying(30) NOT NULL,
  CONSTRAINT calendar_days_kind_check CHECK (((kind)::text = ANY ((ARRAY['day_off'::character varying, 'working_day'::character varying])::text[]))),
  CONSTRAINT calendar_days_pkey PRIMARY KEY (id),
  CONSTRAINT calendar_days_unit_id_day_unique UNIQUE (unit_id, day),
  CONSTRAINT calendar_days_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id)
);

-- table campaign_household_totals
CREATE TABLE campaign_household_totals (
  campaign_id integer NOT NULL,
  household_id integer NOT NULL,
  unit_id integer NOT NULL,
  cash bigint NOT NULL,
  receivable bigint NOT NULL,
  CONSTRAINT campaign_household_totals_pkey PRIMARY KEY (campaign_id, household_id)
);

-- table campaigns
CREATE TABLE campaigns (
  id integer NOT NULL DEFAULT nextval('campaigns_id_seq'::regclass),
  unit_id integer NOT NULL,
  name character varying(200) NOT NULL,
  purpose character varying(2000) NOT NULL,
  fund_account character varying(16),
  work_id integer,
  decision_date character varying(10) NOT NULL,
  minutes_ref character varying(200) NOT NULL,
  households_total integer NOT NULL,
  households_present integer NOT NULL,
  households_agreeing integer NOT NULL,
  level_amount bigint,
  level_per character varying(16),
  exempt_categories text NOT NULL,
  in_kind_values text NOT NULL,
  start_date character varying(10) NOT NULL,
  end_date character varying(10),
  target bigint,
  revenue_account_id integer NOT NULL,
  in_kind_account_id integer,
  status character varying(16) NOT NULL DEFAULT 'open'::character varying,
  created_by integer,
  created_at character varying(30) NOT NULL,
  decision_id integer,
  CONSTRAINT campaigns_counts CHECK (((households_agreeing <= households_present) AND (households_present <= households_total) AND (households_agreeing >= 0))),
  CONSTRAINT campaigns_decision_id_fkey FOREIGN KEY (decision_id) REFERENCES decisions(id),
  CONSTRAINT campaigns_in_kind_account_id_foreign FOREIGN KEY (in_kind_account_id) REFERENCES accounts(id),
  CONSTRAINT campaigns_pkey PRIMARY KEY (id),
  CONSTRAINT campaigns_revenue_account_id_foreign FOREIGN KEY (revenue_account_id) REFERENCES accounts(id),
  CONSTRAINT campaigns_status_check CHECK (((status)::text = ANY ((ARRAY['open'::character varying, 'closed'::character varying])::text[]))),
  CONSTRAINT campaigns_two_thirds CHECK (((households_agreeing * 3) >= (households_total * 2))),
  CONSTRAINT campaigns_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id)
);

-- table cash_counts
CREATE TABLE cash_counts (
  id integer NOT NULL DEFAULT nextval('cash_counts_id_seq'::regclass),
  board_id integer NOT NULL,
  unit_id integer NOT NULL,
  counted_at character varying(30) NOT NULL,
  count_date character varying(10) NOT NULL,
  denominations text NOT NULL,
  counted bigint NOT NULL,
  ledger_balance bigint NOT NULL,
  difference bigint NOT NULL,
  counters text NOT NULL,
  created_by integer,
  created_at character varying(30) NOT NULL,
  chain_head character varying(90),
  CONSTRAINT cash_counts_board_id_foreign FOREIGN KEY (board_id) REFERENCES boards(id),
  CONSTRAINT cash_counts_pkey PRIMARY KEY (id),
  CONSTRAINT cash_counts_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id)
);

-- table channel_tokens
CREATE TABLE channel_tokens (
  channel character varying(20) NOT NULL,
  refresh_token text NOT NULL,
  updated_at character varying(30) NOT NULL,
  CONSTRAINT channel_tokens_pkey PRIMARY KEY (channel)
);

-- table chart_roles
CREATE TABLE chart_roles (
  code character varying(16) NOT NULL,
  role character varying(32) NOT NULL,
  CONSTRAINT chart_roles_pkey PRIMARY KEY (code, role)
);

-- table closings
CREATE TABLE closings (
  id integer NOT NULL DEFAULT nextval('closings_id_seq'::regclass),
  unit_id integer NOT NULL,
  through character varying(10) NOT NULL,
  chain_seq bigint NOT NULL,
  chain_hash character varying(64) NOT NULL,
  balances text NOT NULL,
  created_by integer,
  created_at character varying(30) NOT NULL,
  CONSTRAINT closings_pkey PRIMARY KEY (id),
  CONSTRAINT closings_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id)
);

-- table consultation_response_items
CREATE TABLE consultation_response_items (
  id integer NOT NULL DEFAULT nextval('consultation_response_items_id_seq'::regclass),
  response_id integer NOT NULL,
  unit_id integer NOT NULL,
  position integer NOT NULL,
  topic character varying(500) NOT NULL,
  taken_up boolean NOT NULL,
  reason character varying(2000),
  CONSTRAINT consultation_response_items_pkey PRIMARY KEY (id),
  CONSTRAINT consultation_response_items_reason CHECK ((taken_up OR ((reason IS NOT NULL) AND (length((reason)::text) > 0)))),
  CONSTRAINT consultation_response_items_response_id_foreign FOREIGN KEY (response_id) REFERENCES consultation_responses(id),
  CONSTRAINT consultation_response_items_response_id_position_unique UNIQUE (response_id, "position"),
  CONSTRAINT consultation_response_items_topic CHECK ((length((topic)::text) > 0)),
  CONSTRAINT consultation_response_items_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id)
);

-- table consultation_responses
CREATE TABLE consultation_responses (
  id integer NOT NULL DEFAULT nextval('consultation_responses_id_seq'::regclass),
  consultation_id integer NOT NULL,
  unit_id integer NOT NULL,
  work_id integer NOT NULL,
  summary character varying(4000) NOT NULL,
  created_by integer,
  created_at character varying(30) NOT NULL,
  updated_at character varying(30) NOT NULL,
  published_at character varying(30),
  published_by integer,
  published_by_name character varying(200),
  CONSTRAINT consultation_responses_consultation_id_foreign FOREIGN KEY (consultation_id) REFERENCES consultations(id),
  CONSTRAINT consultation_responses_consultation_id_unique UNIQUE (consultation_id),
  CONSTRAINT consultation_responses_pkey PRIMARY KEY (id),
  CONSTRAINT consultation_responses_published_by CHECK (((published_at IS NULL) = (published_by_name IS NULL))),
  CONSTRAINT consultation_responses_summary CHECK ((length((summary)::text) > 0)),
  CONSTRAINT consultation_responses_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id),
  CONSTRAINT consultation_responses_work_id_foreign FOREIGN KEY (work_id) REFERENCES works(id)
);

-- table consultations
CREATE TABLE consultations (
  id integer NOT NULL DEFAULT nextval('consultations_id_seq'::regclass),
  unit_id integer NOT NULL,
  work_id integer NOT NULL,
  question character varying(2000) NOT NULL,
  opens_at character varying(30) NOT NULL,
  closes_at character varying(30) NOT NULL,
  created_by integer,
  created_at character varying(30) NOT NULL,
  CONSTRAINT consultations_pkey PRIMARY KEY (id),
  CONSTRAINT consultations_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id),
  CONSTRAINT consultations_work_id_foreign FOREIGN KEY (work_id) REFERENCES works(id)
);

-- table contributions
CREATE TABLE contributions (
  id bigint NOT NULL DEFAULT nextval('contributions_id_seq'::regclass),
  unit_id integer NOT NULL,
  campaign_id integer NOT NULL,
  household_id integer NOT NULL,
  kind character varying(16) NOT NULL,
  amount bigint,
  method character varying(8),
  payer character varying(200),
  note character varying(2000),
  entry_date character varying(10) NOT NULL,
  due_date character varying(10),
  entry_id bigint,
  in_kind_kind character varying(16),
  quantity character varying(32),
  quantity_unit character varying(50),
  import_id integer,
  created_by integer,
  created_at character varying(30) NOT NULL,
  chain_head character varying(90),
  CONSTRAINT contributions_campaign_id_foreign FOREIGN KEY (campaign_id) REFERENCES campaigns(id),
  CONSTRAINT contributions_entry_id_foreign FOREIGN KEY (entry_id) REFERENCES entries(id),
  CONSTRAINT contributions_household_id_foreign FOREIGN KEY (household_id) REFERENCES households(id),
  CONSTRAINT contributions_kind_check CHECK (((kind)::text = ANY ((ARRAY['receipt'::character varying, 'pledge'::character varying, 'in_kind'::character varying])::text[]))),
  CONSTRAINT contributions_pkey PRIMARY KEY (id),
  CONSTRAINT contributions_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id)
);

-- table decision_ballots
CREATE TABLE decision_ballots (
  id integer NOT NULL DEFAULT nextval('decision_ballots_id_seq'::regclass),
  decision_id integer NOT NULL,
  unit_id integer NOT NULL,
  household_id integer NOT NULL,
  choice character varying(16) NOT NULL,
  channel character varying(16) NOT NULL,
  entered_by integer,
  created_at character varying(30) NOT NULL,
  CONSTRAINT decision_ballots_channel_check CHECK (((channel)::text = ANY ((ARRAY['paper'::character varying, 'online'::character varying])::text[]))),
  CONSTRAINT decision_ballots_choice_check CHECK (((choice)::text = ANY ((ARRAY['agree'::character varying, 'disagree'::character varying, 'abstain'::character varying])::text[]))),
  CONSTRAINT decision_ballots_decision_id_foreign FOREIGN KEY (decision_id) REFERENCES decisions(id),
  CONSTRAINT decision_ballots_decision_id_household_id_unique UNIQUE (decision_id, household_id),
  CONSTRAINT decision_ballots_household_id_foreign FOREIGN KEY (household_id) REFERENCES households(id),
  CONSTRAINT decision_ballots_pkey PRIMARY KEY (id),
  CONSTRAINT decision_ballots_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id)
);

-- table decision_settings
CREATE TABLE decision_settings (
  unit_id integer NOT NULL,
  work_investment_rule character varying(16) NOT NULL DEFAULT 'more_than_half'::character varying,
  submit_within_days integer NOT NULL DEFAULT 5,
  updated_by integer,
  updated_at character varying(30) NOT NULL,
  CONSTRAINT decision_settings_days CHECK (((submit_within_days >= 1) AND (submit_within_days <= 60))),
  CONSTRAINT decision_settings_pkey PRIMARY KEY (unit_id),
  CONSTRAINT decision_settings_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id),
  CONSTRAINT decision_settings_work_investment_rule_check CHECK (((work_investment_rule)::text = ANY ((ARRAY['two_thirds'::character varying, 'more_than_half'::character varying])::text[])))
);

-- table decision_transitions
CREATE TABLE decision_transitions (
  id integer NOT NULL DEFAULT nextval('decision_transitions_id_seq'::regclass),
  decision_id integer NOT NULL,
  unit_id integer NOT NULL,
  from_status character varying(16) NOT NULL,
  to_status character varying(16) NOT NULL,
  reason character varying(2000),
  created_by integer,
  created_by_name character varying(200),
  created_at character varying(30) NOT NULL,
  CONSTRAINT decision_transitions_decision_id_foreign FOREIGN KEY (decision_id) REFERENCES decisions(id),
  CONSTRAINT decision_transitions_pkey PRIMARY KEY (id),
  CONSTRAINT decision_transitions_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id)
);

-- table decisions
CREATE TABLE decisions (
  id integer NOT NULL DEFAULT nextval('decisions_id_seq'::regclass),
  unit_id integer NOT NULL,
  title character varying(500) NOT NULL,
  subject character varying(32) NOT NULL,
  method character varying(32) NOT NULL,
  held_on character varying(10) NOT NULL,
  minutes_attachment_id integer,
  households_total integer NOT NULL,
  threshold_rule character varying(16) NOT NULL,
  present integer,
  agree integer,
  disagree integer,
  abstain integer,
  status character varying(16) NOT NULL DEFAULT 'draft'::character varying,
  voted_on character varying(10),
  submit_by character varying(10),
  created_by integer,
  created_at character varying(30) NOT NULL,
  updated_at character varying(30) NOT NULL,
  CONSTRAINT decisions_method_check CHECK (((method)::text = ANY ((ARRAY['meeting_show_of_hands'::character varying, 'meeting_secret_ballot'::character varying, 'household_ballot'::character varying, 'online'::character varying, 'combined'::character varying])::text[]))),
  CONSTRAINT decisions_minutes_attachment_id_foreign FOREIGN KEY (minutes_attachment_id) REFERENCES attachments(id),
  CONSTRAINT decisions_pkey PRIMARY KEY (id),
  CONSTRAINT decisions_register CHECK ((households_total >= 1)),
  CONSTRAINT decisions_status_check CHECK (((status)::text = ANY ((ARRAY['draft'::character varying, 'voted'::character varying, 'submitted'::character varying, 'recognised'::character varying, 'returned'::character varying])::text[]))),
  CONSTRAINT decisions_subject_check CHECK (((subject)::text = ANY ((ARRAY['contribution_policy'::character varying, 'contribution_management'::character varying, 'customary_rule'::character varying, 'work_investment'::character varying, 'other'::character varying])::text[]))),
  CONSTRAINT decisions_tally CHECK (((present IS NULL) OR ((agree >= 0) AND (disagree >= 0) AND (abstain >= 0) AND (((agree + disagree) + abstain) <= present) AND (present <= households_total)))),
  CONSTRAINT decisions_threshold_rule_check CHECK (((threshold_rule)::text = ANY ((ARRAY['two_thirds'::character varying, 'more_than_half'::character varying])::text[]))),
  CONSTRAINT decisions_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id)
);

-- table entries
CREATE TABLE entries (
  id bigint NOT NULL DEFAULT nextval('entries_id_seq'::regclass),
  unit_id integer NOT NULL,
  seq bigint NOT NULL,
  voucher_series character varying(2) NOT NULL,
  voucher_year integer NOT NULL,
  voucher_number integer NOT NULL,
  voucher_no character varying(20) NOT NULL,
  entry_date character varying(10) NOT NULL,
  kind character varying(16) NOT NULL,
  description character varying(2000) NOT NULL,
  household_id integer,
  campaign_id integer,
  work_id integer,
  reverses_id bigint,
  created_by integer,
  created_by_name character varying(200),
  created_at character varying(30) NOT NULL,
  prev_hash character varying(64) NOT NULL,
  hash character varying(64) NOT NULL,
  hash_version integer NOT NULL DEFAULT 1,
  payee character varying(200),
  CONSTRAINT entries_kind_check CHECK (((kind)::text = ANY ((ARRAY['contribution'::character varying, 'expense'::character varying, 'transfer'::character varying, 'opening'::character varying, 'adjustment'::character varying, 'reversal'::character varying])::text[]))),
  CONSTRAINT entries_pkey PRIMARY KEY (id),
  CONSTRAINT entries_reverses_id_foreign FOREIGN KEY (reverses_id) REFERENCES entries(id),
  CONSTRAINT entries_reverses_id_unique UNIQUE (reverses_id),
  CONSTRAINT entries_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id),
  CONSTRAINT entries_unit_id_seq_unique UNIQUE (unit_id, seq),
  CONSTRAINT entries_unit_id_voucher_series_voucher_year_voucher_number_uniq UNIQUE (unit_id, voucher_series, voucher_year, voucher_number),
  CONSTRAINT entries_voucher_series_check CHECK (((voucher_series)::text = ANY ((ARRAY['PT'::character varying, 'PC'::character varying, 'PK'::character varying])::text[])))
);

-- table exemptions
CREATE TABLE exemptions (
  id integer NOT NULL DEFAULT nextval('exemptions_id_seq'::regclass),
  unit_id integer NOT NULL,
  campaign_id integer NOT NULL,
  household_id integer NOT NULL,
  reason character varying(2000) NOT NULL,
  import_id integer,
  created_by integer,
  created_at character varying(30) NOT NULL,
  CONSTRAINT exemptions_campaign_id_foreign FOREIGN KEY (campaign_id) REFERENCES campaigns(id),
  CONSTRAINT exemptions_campaign_id_household_id_unique UNIQUE (campaign_id, household_id),
  CONSTRAINT exemptions_household_id_foreign FOREIGN KEY (household_id) REFERENCES households(id),
  CONSTRAINT exemptions_pkey PRIMARY KEY (id),
  CONSTRAINT exemptions_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id)
);

-- table expenses
CREATE TABLE expenses (
  id integer NOT NULL DEFAULT nextval('expenses_id_seq'::regclass),
  unit_id integer NOT NULL,
  work_id integer NOT NULL,
  kind character varying(16) NOT NULL,
  category character varying(16),
  amount bigint NOT NULL,
  entry_date character varying(10) NOT NULL,
  payee character varying(200) NOT NULL,
  description character varying(2000) NOT NULL,
  method character varying(16) NOT NULL,
  status character varying(16) NOT NULL,
  entry_id bigint,
  voucher_no character varying(20),
  drafted_by integer,
  drafted_by_name character varying(200),
  created_at character varying(30) NOT NULL,
  decided_by integer,
  decided_by_name character varying(200),
  decided_at character varying(30),
  reject_reason character varying(2000),
  CONSTRAINT expenses_amount CHECK ((amount > 0)),
  CONSTRAINT expenses_entry_id_foreign FOREIGN KEY (entry_id) REFERENCES entries(id),
  CONSTRAINT expenses_kind_check CHECK (((kind)::text = ANY ((ARRAY['expense'::character varying, 'advance'::character varying])::text[]))),
  CONSTRAINT expenses_pkey PRIMARY KEY (id),
  CONSTRAINT expenses_status_check CHECK (((status)::text = ANY ((ARRAY['draft'::character varying, 'posted'::character varying, 'rejected'::character varying])::text[]))),
  CONSTRAINT expenses_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id),
  CONSTRAINT expenses_work_id_foreign FOREIGN KEY (work_id) REFERENCES works(id)
);

-- table failed_attempts
CREATE TABLE failed_attempts (
  id integer NOT NULL DEFAULT nextval('failed_attempts_id_seq'::regclass),
  kind character varying(10) NOT NULL,
  subject character varying(200) NOT NULL,
  unit_id integer,
  ip character varying(64) NOT NULL,
  failed_at character varying(30) NOT NULL,
  CONSTRAINT failed_attempts_kind CHECK ((((kind)::text = 'pin'::text) OR ((kind)::text = 'password'::text))),
  CONSTRAINT failed_attempts_pkey PRIMARY KEY (id),
  CONSTRAINT failed_attempts_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id)
);

-- table feedback
CREATE TABLE feedback (
  id integer NOT NULL DEFAULT nextval('feedback_id_seq'::regclass),
  unit_id integer NOT NULL,
  work_id integer NOT NULL,
  household_id integer,
  name character varying(200),
  contact character varying(200),
  text character varying(4000) NOT NULL,
  photos text NOT NULL,
  created_at character varying(30) NOT NULL,
  due_date character varying(10) NOT NULL,
  answer character varying(4000),
  answered_at character varying(30),
  answered_by integer,
  answered_by_name character varying(200),
  board_id integer,
  finding_id integer,
  CONSTRAINT feedback_pkey PRIMARY KEY (id),
  CONSTRAINT feedback_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id),
  CONSTRAINT feedback_work_id_foreign FOREIGN KEY (work_id) REFERENCES works(id)
);

-- table feedback_photos
CREATE TABLE feedback_photos (
  attachment_id integer NOT NULL,
  unit_id integer NOT NULL,
  work_id integer NOT NULL,
  feedback_id integer,
  created_at character varying(30) NOT NULL,
  CONSTRAINT feedback_photos_attachment_id_foreign FOREIGN KEY (attachment_id) REFERENCES attachments(id),
  CONSTRAINT feedback_photos_feedback_id_foreign FOREIGN KEY (feedback_id) REFERENCES feedback(id),
  CONSTRAINT feedback_photos_pkey PRIMARY KEY (attachment_id),
  CONSTRAINT feedback_photos_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id),
  CONSTRAINT feedback_photos_work_id_foreign FOREIGN KEY (work_id) REFERENCES works(id)
);

-- table finding_transitions
CREATE TABLE finding_transitions (
  id integer NOT NULL DEFAULT nextval('finding_transitions_id_seq'::regclass),
  finding_id integer NOT NULL,
  unit_id integer NOT NULL,
  from_status character varying(16) NOT NULL,
  to_status character varying(16) NOT NULL,
  text character varying(4000) NOT NULL,
  escalated_to character varying(16),
  attachments text NOT NULL,
  author_id integer,
  author_name character varying(200),
  at character varying(30) NOT NULL,
  CONSTRAINT finding_transitions_finding_id_foreign FOREIGN KEY (finding_id) REFERENCES findings(id),
  CONSTRAINT finding_transitions_pkey PRIMARY KEY (id),
  CONSTRAINT finding_transitions_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id)
);

-- table findings
CREATE TABLE findings (
  id integer NOT NULL DEFAULT nextval('findings_id_seq'::regclass),
  board_id integer NOT NULL,
  unit_id integer NOT NULL,
  work_id integer,
  inspection_id integer,
  cash_count_id integer,
  feedback_id integer,
  category character varying(100) NOT NULL,
  severity character varying(16) NOT NULL,
  description character varying(4000) NOT NULL,
  recommendation character varying(4000) NOT NULL,
  addressed_to character varying(200) NOT NULL,
  due_date character varying(10) NOT NULL,
  evidence text NOT NULL,
  status character varying(16) NOT NULL DEFAULT 'open'::character varying,
  escalated_to character varying(16),
  created_by integer,
  created_at character varying(30) NOT NULL,
  updated_at character varying(30) NOT NULL,
  names_public boolean NOT NULL DEFAULT false,
  CONSTRAINT findings_board_id_foreign FOREIGN KEY (board_id) REFERENCES boards(id),
  CONSTRAINT findings_cash_count_id_foreign FOREIGN KEY (cash_count_id) REFERENCES cash_counts(id),
  CONSTRAINT findings_feedback_id_foreign FOREIGN KEY (feedback_id) REFERENCES feedback(id),
  CONSTRAINT findings_inspection_id_foreign FOREIGN KEY (inspection_id) REFERENCES inspections(id),
  CONSTRAINT findings_pkey PRIMARY KEY (id),
  CONSTRAINT findings_severity_check CHECK (((severity)::text = ANY ((ARRAY['observation'::character varying, 'minor'::character varying, 'major'::character varying, 'critical'::character varying])::text[]))),
  CONSTRAINT findings_status_check CHECK (((status)::text = ANY ((ARRAY['open'::character varying, 'answered'::character varying, 'resolved'::character varying, 'escalated'::character varying])::text[]))),
  CONSTRAINT findings_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id),
  CONSTRAINT findings_work_id_foreign FOREIGN KEY (work_id) REFERENCES works(id)
);

-- table grants
CREATE TABLE grants (
  id integer NOT NULL DEFAULT nextval('grants_id_seq'::regclass),
  user_id integer NOT NULL,
  role character varying(16) NOT NULL,
  unit_id integer,
  board_id integer,
  created_at character varying(30) NOT NULL,
  created_by integer,
  board_role character varying(16),
  front_representative boolean NOT NULL DEFAULT false,
  CONSTRAINT grants_board_id_foreign FOREIGN KEY (board_id) REFERENCES boards(id),
  CONSTRAINT grants_board_role_check CHECK (((board_role)::text = ANY ((ARRAY['chair'::character varying, 'vice_chair'::character varying, 'member'::character varying])::text[]))),
  CONSTRAINT grants_created_by_foreign FOREIGN KEY (created_by) REFERENCES users(id),
  CONSTRAINT grants_pkey PRIMARY KEY (id),
  CONSTRAINT grants_role_check CHECK (((role)::text = ANY ((ARRAY['admin'::character varying, 'treasurer'::character varying, 'head'::character varying, 'inspector'::character varying])::text[]))),
  CONSTRAINT grants_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id),
  CONSTRAINT grants_user_id_foreign FOREIGN KEY (user_id) REFERENCES users(id)
);

-- table household_activity
CREATE TABLE household_activity (
  id integer NOT NULL DEFAULT nextval('household_activity_id_seq'::regclass),
  household_id integer NOT NULL,
  is_active boolean NOT NULL,
  changed_at character varying(30) NOT NULL,
  CONSTRAINT household_activity_household_id_foreign FOREIGN KEY (household_id) REFERENCES households(id),
  CONSTRAINT household_activity_pkey PRIMARY KEY (id)
);

-- table household_moves
CREATE TABLE household_moves (
  id integer NOT NULL DEFAULT nextval('household_moves_id_seq'::regclass),
  household_id integer NOT NULL,
  unit_id integer NOT NULL,
  to_unit_id integer NOT NULL,
  from_code character varying(32) NOT NULL,
  to_code character varying(32) NOT NULL,
  moved_at character varying(30) NOT NULL,
  created_by integer,
  CONSTRAINT household_moves_household_id_foreign FOREIGN KEY (household_id) REFERENCES households(id),
  CONSTRAINT household_moves_pkey PRIMARY KEY (id),
  CONSTRAINT household_moves_to_unit_id_foreign FOREIGN KEY (to_unit_id) REFERENCES units(id),
  CONSTRAINT household_moves_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id)
);

-- table households
CREATE TABLE households (
  id integer NOT NULL DEFAULT nextval('households_id_seq'::regclass),
  unit_id integer NOT NULL,
  code character varying(32) NOT NULL,
  head_name character varying(200) NOT NULL,
  search_text character varying(300) NOT NULL,
  address character varying(500),
  members integer,
  category character varying(16) NOT NULL DEFAULT 'normal'::character varying,
  phone character varying(20),
  pin_hash character varying(200),
  pin_set_at character varying(30),
  is_active boolean NOT NULL DEFAULT true,
  created_at character varying(30) NOT NULL,
  pin_locked_at character varying(30),
  CONSTRAINT households_category_check CHECK (((category)::text = ANY ((ARRAY['normal'::character varying, 'poor'::character varying, 'near_poor'::character varying, 'policy'::character varying, 'other'::character varying])::text[]))),
  CONSTRAINT households_code_upper CHECK (((code)::text = upper((code)::text))),
  CONSTRAINT households_pkey PRIMARY KEY (id),
  CONSTRAINT households_unit_id_code_unique UNIQUE (unit_id, code),
  CONSTRAINT households_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id)
);

-- table idempotency_keys
CREATE TABLE idempotency_keys (
  unit_id integer NOT NULL,
  key character varying(200) NOT NULL,
  request_hash character varying(64) NOT NULL,
  status integer NOT NULL,
  response text NOT NULL,
  user_id integer,
  created_at character varying(30) NOT NULL,
  CONSTRAINT idempotency_keys_pkey PRIMARY KEY (unit_id, key)
);

-- table imports
CREATE TABLE imports (
  id integer NOT NULL DEFAULT nextval('imports_id_seq'::regclass),
  unit_id integer NOT NULL,
  campaign_id integer NOT NULL,
  content_hash character varying(64) NOT NULL,
  file_type character varying(8) NOT NULL,
  file_name character varying(200),
  preview text NOT NULL,
  status character varying(16) NOT NULL DEFAULT 'preview'::character varying,
  duplicate_of integer,
  recorded text,
  created_by integer,
  created_at character varying(30) NOT NULL,
  committed_at character varying(30),
  CONSTRAINT imports_campaign_id_foreign FOREIGN KEY (campaign_id) REFERENCES campaigns(id),
  CONSTRAINT imports_pkey PRIMARY KEY (id),
  CONSTRAINT imports_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id)
);

-- table inspection_addenda
CREATE TABLE inspection_addenda (
  id integer NOT NULL DEFAULT nextval('inspection_addenda_id_seq'::regclass),
  inspection_id integer NOT NULL,
  unit_id integer NOT NULL,
  text character varying(4000) NOT NULL,
  attachments text NOT NULL,
  created_by integer,
  created_by_name character varying(200),
  created_at character varying(30) NOT NULL,
  CONSTRAINT inspection_addenda_inspection_id_foreign FOREIGN KEY (inspection_id) REFERENCES inspections(id),
  CONSTRAINT inspection_addenda_pkey PRIMARY KEY (id),
  CONSTRAINT inspection_addenda_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id)
);

-- table inspections
CREATE TABLE inspections (
  id integer NOT NULL DEFAULT nextval('inspections_id_seq'::regclass),
  board_id integer NOT NULL,
  unit_id integer NOT NULL,
  work_id integer,
  inspection_date character varying(10) NOT NULL,
  members_present text NOT NULL,
  checklist text NOT NULL,
  status character varying(16) NOT NULL DEFAULT 'draft'::character varying,
  created_by integer,
  created_at character varying(30) NOT NULL,
  updated_at character varying(30) NOT NULL,
  filed_at character varying(30),
  published_at character varying(30),
  chain_head character varying(90),
  CONSTRAINT inspections_board_id_foreign FOREIGN KEY (board_id) REFERENCES boards(id),
  CONSTRAINT inspections_pkey PRIMARY KEY (id),
  CONSTRAINT inspections_status_check CHECK (((status)::text = ANY ((ARRAY['draft'::character varying, 'filed'::character varying, 'published'::character varying])::text[]))),
  CONSTRAINT inspections_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id),
  CONSTRAINT inspections_work_id_foreign FOREIGN KEY (work_id) REFERENCES works(id)
);

-- table ledger_heads
CREATE TABLE ledger_heads (
  unit_id integer NOT NULL,
  seq bigint NOT NULL,
  hash character varying(64) NOT NULL,
  CONSTRAINT ledger_heads_pkey PRIMARY KEY (unit_id),
  CONSTRAINT ledger_heads_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES units(id)
);

-- table opinions
CREATE TABLE opinions (
  id bigint NOT NULL DEFAULT nextval('opinions_id_seq'::regclass),
  consultation_id integer NOT NULL,
  unit_id integer NOT NULL,
  household_id integer NOT NULL,
  choice character varying(16) NOT NULL,
  comment character varying(2000),
  created_at character varying(30) NOT NULL,
  CONSTRAINT opinions_choice_check CHECK (((choice)::text = ANY ((ARRAY['agree'::character varying, 'disagree'::character varying, 'abstain'::character varying])::text[]))),
  CONSTRAINT opinions_consultation_id_foreign FOREIGN KEY (consultation_id) REFERENCES consultations(id),
  CONSTRAINT opinions_pkey PRIMARY KEY (id),
  CONSTRAINT opinions_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id)
);

-- table outbox
CREATE TABLE outbox (
  id integer NOT NULL DEFAULT nextval('outbox_id_seq'::regclass),
  event_id integer NOT NULL,
  unit_id integer NOT NULL,
  subscription_id integer NOT NULL,
  household_id integer NOT NULL,
  channel character varying(8) NOT NULL,
  status character varying(16) NOT NULL DEFAULT 'pending'::character varying,
  tries integer NOT NULL DEFAULT 0,
  next_at character varying(30) NOT NULL,
  claimed_until character varying(30),
  last_error character varying(500),
  reason character varying(200),
  created_at character varying(30) NOT NULL,
  sent_at character varying(30),
  CONSTRAINT outbox_channel_check CHECK (((channel)::text = ANY ((ARRAY['zalo'::character varying, 'sms'::character varying, 'email'::character varying])::text[]))),
  CONSTRAINT outbox_event_id_foreign FOREIGN KEY (event_id) REFERENCES outbox_events(id),
  CONSTRAINT outbox_event_id_subscription_id_unique UNIQUE (event_id, subscription_id),
  CONSTRAINT outbox_household_id_foreign FOREIGN KEY (household_id) REFERENCES households(id),
  CONSTRAINT outbox_pkey PRIMARY KEY (id),
  CONSTRAINT outbox_status_check CHECK (((status)::text = ANY ((ARRAY['pending'::character varying, 'sent'::character varying, 'parked'::character varying])::text[]))),
  CONSTRAINT outbox_subscription_id_foreign FOREIGN KEY (subscription_id) REFERENCES subscriptions(id),
  CONSTRAINT outbox_tries CHECK ((tries >= 0)),
  CONSTRAINT outbox_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id)
);

-- table outbox_events
CREATE TABLE outbox_events (
  id integer NOT NULL DEFAULT nextval('outbox_events_id_seq'::regclass),
  unit_id integer NOT NULL,
  kind character varying(32) NOT NULL,
  ref_id bigint NOT NULL,
  payload text NOT NULL,
  created_at character varying(30) NOT NULL,
  fanned_at character varying(30),
  claimed_until character varying(30),
  CONSTRAINT outbox_events_kind_check CHECK (((kind)::text = ANY ((ARRAY['receipt'::character varying, 'work_moved'::character varying, 'work_progress'::character varying, 'work_payment'::character varying, 'publication'::character varying, 'consultation'::character varying, 'feedback_answer'::character varying])::text[]))),
  CONSTRAINT outbox_events_pkey PRIMARY KEY (id),
  CONSTRAINT outbox_events_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id)
);

-- table postings
CREATE TABLE postings (
  id bigint NOT NULL DEFAULT nextval('postings_id_seq'::regclass),
  entry_id bigint NOT NULL,
  unit_id integer NOT NULL,
  account_id integer NOT NULL,
  amount bigint NOT NULL,
  memo character varying(500),
  entry_date character varying(10) NOT NULL,
  seq bigint NOT NULL,
  CONSTRAINT postings_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts(id),
  CONSTRAINT postings_amount_check CHECK ((amount <> 0)),
  CONSTRAINT postings_entry_id_fkey FOREIGN KEY (entry_id) REFERENCES entries(id) DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT postings_pkey PRIMARY KEY (id),
  CONSTRAINT postings_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES units(id)
);

-- table publication_opinions
CREATE TABLE publication_opinions (
  id integer NOT NULL DEFAULT nextval('publication_opinions_id_seq'::regclass),
  unit_id integer NOT NULL,
  publication_id integer NOT NULL,
  board_id integer NOT NULL,
  board_name character varying(200) NOT NULL,
  stance character varying(16) NOT NULL,
  text character varying(2000) NOT NULL,
  by_user integer,
  by_name character varying(200),
  created_at character varying(30) NOT NULL,
  CONSTRAINT publication_opinions_pkey PRIMARY KEY (id),
  CONSTRAINT publication_opinions_publication_id_foreign FOREIGN KEY (publication_id) REFERENCES publications(id),
  CONSTRAINT publication_opinions_stance_check CHECK (((stance)::text = ANY ((ARRAY['sign_off'::character varying, 'objection'::character varying])::text[]))),
  CONSTRAINT publication_opinions_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id)
);

-- table publication_postings
CREATE TABLE publication_postings (
  id integer NOT NULL DEFAULT nextval('publication_postings_id_seq'::regclass),
  unit_id integer NOT NULL,
  publication_id integer NOT NULL,
  place character varying(32) NOT NULL,
  posted_at character varying(30) NOT NULL,
  photo_attachment_id integer,
  posted_by character varying(200) NOT NULL,
  taken_down_at character varying(30),
  recorded_by integer,
  created_at character varying(30) NOT NULL,
  CONSTRAINT publication_postings_pkey PRIMARY KEY (id),
  CONSTRAINT publication_postings_publication_id_foreign FOREIGN KEY (publication_id) REFERENCES publications(id),
  CONSTRAINT publication_postings_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id)
);

-- table publication_settings
CREATE TABLE publication_settings (
  unit_id integer NOT NULL,
  min_posting_days integer NOT NULL,
  CONSTRAINT publication_settings_pkey PRIMARY KEY (unit_id),
  CONSTRAINT publication_settings_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id)
);

-- table publications
CREATE TABLE publications (
  id integer NOT NULL DEFAULT nextval('publications_id_seq'::regclass),
  unit_id integer NOT NULL,
  kind character varying(32) NOT NULL,
  params text NOT NULL,
  places text NOT NULL,
  posted_from character varying(10) NOT NULL,
  posted_until character varying(10) NOT NULL,
  status character varying(16) NOT NULL DEFAULT 'draft'::character varying,
  supersedes_id integer,
  superseded_by_id integer,
  drafted_by integer,
  drafted_by_name character varying(200),
  drafted_at character varying(30) NOT NULL,
  approved_by integer,
  approved_by_name character varying(200),
  published_at character varying(30),
  code character varying(16),
  data_hash character varying(64),
  chain_seq bigint,
  chain_hash character varying(64),
  period_from character varying(10),
  period_to character varying(10),
  pdf_file character varying(300),
  pdf_sha256 character varying(64),
  xlsx_file character varying(300),
  xlsx_sha256 character varying(64),
  subject character varying(500),
  announcement text,
  hash_version integer NOT NULL DEFAULT 1,
  figures text,
  CONSTRAINT publications_code_unique UNIQUE (code),
  CONSTRAINT publications_pkey PRIMARY KEY (id),
  CONSTRAINT publications_status_check CHECK (((status)::text = ANY ((ARRAY['draft'::character varying, 'published'::character varying])::text[]))),
  CONSTRAINT publications_superseded_by_id_foreign FOREIGN KEY (superseded_by_id) REFERENCES publications(id),
  CONSTRAINT publications_supersedes_id_foreign FOREIGN KEY (supersedes_id) REFERENCES publications(id),
  CONSTRAINT publications_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id)
);

-- table reductions
CREATE TABLE reductions (
  id integer NOT NULL DEFAULT nextval('reductions_id_seq'::regclass),
  unit_id integer NOT NULL,
  campaign_id integer NOT NULL,
  household_id integer NOT NULL,
  suggested_amount bigint NOT NULL,
  reason character varying(2000) NOT NULL,
  created_by integer,
  created_at character varying(30) NOT NULL,
  CONSTRAINT reductions_amount CHECK ((suggested_amount >= 0)),
  CONSTRAINT reductions_campaign_id_foreign FOREIGN KEY (campaign_id) REFERENCES campaigns(id),
  CONSTRAINT reductions_campaign_id_household_id_unique UNIQUE (campaign_id, household_id),
  CONSTRAINT reductions_household_id_foreign FOREIGN KEY (household_id) REFERENCES households(id),
  CONSTRAINT reductions_pkey PRIMARY KEY (id),
  CONSTRAINT reductions_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id)
);

-- table sessions
CREATE TABLE sessions (
  id integer NOT NULL DEFAULT nextval('sessions_id_seq'::regclass),
  token_hash character varying(64) NOT NULL,
  user_id integer NOT NULL,
  created_at character varying(30) NOT NULL,
  expires_at character varying(30) NOT NULL,
  revoked_at character varying(30),
  ip character varying(64),
  CONSTRAINT sessions_pkey PRIMARY KEY (id),
  CONSTRAINT sessions_token_hash_unique UNIQUE (token_hash),
  CONSTRAINT sessions_user_id_foreign FOREIGN KEY (user_id) REFERENCES users(id)
);

-- table subscriptions
CREATE TABLE subscriptions (
  id integer NOT NULL DEFAULT nextval('subscriptions_id_seq'::regclass),
  unit_id integer NOT NULL,
  household_id integer NOT NULL,
  channel character varying(8) NOT NULL,
  address character varying(200) NOT NULL,
  topics character varying(200) NOT NULL,
  status character varying(16) NOT NULL DEFAULT 'pending'::character varying,
  code_hash character varying(200),
  code_expires_at character varying(30),
  code_tries integer NOT NULL DEFAULT 0,
  purpose character varying(500) NOT NULL,
  consented_at character varying(30),
  withdrawn_at character varying(30),
  withdrawn_how character varying(16),
  token character varying(64) NOT NULL,
  created_at character varying(30) NOT NULL,
  CONSTRAINT subscriptions_channel_check CHECK (((channel)::text = ANY ((ARRAY['zalo'::character varying, 'sms'::character varying, 'email'::character varying])::text[]))),
  CONSTRAINT subscriptions_code_tries CHECK ((code_tries >= 0)),
  CONSTRAINT subscriptions_household_id_foreign FOREIGN KEY (household_id) REFERENCES households(id),
  CONSTRAINT subscriptions_pkey PRIMARY KEY (id),
  CONSTRAINT subscriptions_status_check CHECK (((status)::text = ANY ((ARRAY['pending'::character varying, 'active'::character varying, 'withdrawn'::character varying])::text[]))),
  CONSTRAINT subscriptions_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id)
);

-- table units
CREATE TABLE units (
  id integer NOT NULL DEFAULT nextval('units_id_seq'::regclass),
  code character varying(32) NOT NULL,
  name character varying(200) NOT NULL,
  kind character varying(16) NOT NULL,
  parent_id integer,
  path character varying(400) NOT NULL,
  is_active boolean NOT NULL DEFAULT true,
  succeeded_by_id integer,
  approval_threshold bigint NOT NULL DEFAULT '5000000'::bigint,
  created_at character varying(30) NOT NULL,
  feedback_answer_days integer NOT NULL DEFAULT 15,
  cash_difference_minor bigint NOT NULL DEFAULT 10000,
  cash_difference_critical bigint NOT NULL DEFAULT 1000000,
  board_composition_required boolean NOT NULL DEFAULT false,
  CONSTRAINT units_cash_difference_critical_check CHECK ((cash_difference_critical >= 0)),
  CONSTRAINT units_cash_difference_minor_check CHECK ((cash_difference_minor >= 0)),
  CONSTRAINT units_cash_difference_order_check CHECK ((cash_difference_minor <= cash_difference_critical)),
  CONSTRAINT units_code_unique UNIQUE (code),
  CONSTRAINT units_feedback_answer_days_check CHECK (((feedback_answer_days >= 1) AND (feedback_answer_days <= 365))),
  CONSTRAINT units_kind_check CHECK (((kind)::text = ANY ((ARRAY['province'::character varying, 'commune'::character varying, 'hamlet'::character varying])::text[]))),
  CONSTRAINT units_parent_id_foreign FOREIGN KEY (parent_id) REFERENCES units(id),
  CONSTRAINT units_pkey PRIMARY KEY (id),
  CONSTRAINT units_succeeded_by_id_foreign FOREIGN KEY (succeeded_by_id) REFERENCES units(id)
);

-- table users
CREATE TABLE users (
  id integer NOT NULL DEFAULT nextval('users_id_seq'::regclass),
  username character varying(64) NOT NULL,
  display_name character varying(200) NOT NULL,
  password_hash character varying(200) NOT NULL,
  phone character varying(32),
  is_active boolean NOT NULL DEFAULT true,
  unit_id integer,
  created_at character varying(30) NOT NULL,
  password_changed_at character varying(30),
  locked_at character varying(30),
  CONSTRAINT users_pkey PRIMARY KEY (id),
  CONSTRAINT users_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id),
  CONSTRAINT users_username_unique UNIQUE (username)
);

-- table voucher_heads
CREATE TABLE voucher_heads (
  unit_id integer NOT NULL,
  voucher_series character varying(2) NOT NULL,
  voucher_year integer NOT NULL,
  voucher_number integer NOT NULL,
  CONSTRAINT voucher_heads_pkey PRIMARY KEY (unit_id, voucher_series, voucher_year),
  CONSTRAINT voucher_heads_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES units(id)
);

-- table work_holds
CREATE TABLE work_holds (
  id integer NOT NULL DEFAULT nextval('work_holds_id_seq'::regclass),
  work_id integer NOT NULL,
  unit_id integer NOT NULL,
  finding_id integer NOT NULL,
  placed_at character varying(30) NOT NULL,
  lifted_at character varying(30),
  CONSTRAINT work_holds_finding_id_unique UNIQUE (finding_id),
  CONSTRAINT work_holds_pkey PRIMARY KEY (id),
  CONSTRAINT work_holds_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id),
  CONSTRAINT work_holds_work_id_foreign FOREIGN KEY (work_id) REFERENCES works(id)
);

-- table work_lines
CREATE TABLE work_lines (
  id integer NOT NULL DEFAULT nextval('work_lines_id_seq'::regclass),
  work_id integer NOT NULL,
  unit_id integer NOT NULL,
  kind character varying(16) NOT NULL,
  category character varying(16) NOT NULL,
  amount bigint NOT NULL,
  campaign_id integer,
  CONSTRAINT work_lines_kind_check CHECK (((kind)::text = ANY ((ARRAY['estimate'::character varying, 'funding'::character varying])::text[]))),
  CONSTRAINT work_lines_pkey PRIMARY KEY (id),
  CONSTRAINT work_lines_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id),
  CONSTRAINT work_lines_work_id_foreign FOREIGN KEY (work_id) REFERENCES works(id)
);

-- table work_progress
CREATE TABLE work_progress (
  id integer NOT NULL DEFAULT nextval('work_progress_id_seq'::regclass),
  work_id integer NOT NULL,
  unit_id integer NOT NULL,
  date character varying(10) NOT NULL,
  percent integer NOT NULL,
  note character varying(2000),
  created_by integer,
  created_at character varying(30) NOT NULL,
  CONSTRAINT work_progress_percent CHECK (((percent >= 0) AND (percent <= 100))),
  CONSTRAINT work_progress_pkey PRIMARY KEY (id),
  CONSTRAINT work_progress_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id),
  CONSTRAINT work_progress_work_id_foreign FOREIGN KEY (work_id) REFERENCES works(id)
);

-- table work_transitions
CREATE TABLE work_transitions (
  id integer NOT NULL DEFAULT nextval('work_transitions_id_seq'::regclass),
  work_id integer NOT NULL,
  unit_id integer NOT NULL,
  from_status character varying(16) NOT NULL,
  to_status character varying(16) NOT NULL,
  date character varying(10) NOT NULL,
  note character varying(2000),
  decision text,
  created_by integer,
  created_by_name character varying(200),
  created_at character varying(30) NOT NULL,
  CONSTRAINT work_transitions_pkey PRIMARY KEY (id),
  CONSTRAINT work_transitions_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id),
  CONSTRAINT work_transitions_work_id_foreign FOREIGN KEY (work_id) REFERENCES works(id)
);

-- table works
CREATE TABLE works (
  id integer NOT NULL DEFAULT nextval('works_id_seq'::regclass),
  unit_id integer NOT NULL,
  number integer NOT NULL,
  name character varying(200) NOT NULL,
  location character varying(500) NOT NULL,
  category character varying(100) NOT NULL,
  description character varying(2000),
  contractor character varying(200),
  planned_start character varying(10) NOT NULL,
  planned_end character varying(10) NOT NULL,
  actual_start character varying(10),
  actual_end character varying(10),
  status character varying(16) NOT NULL DEFAULT 'proposed'::character varying,
  progress integer NOT NULL DEFAULT 0,
  accounts text NOT NULL,
  created_by integer,
  created_at character varying(30) NOT NULL,
  updated_at character varying(30) NOT NULL,
  decision_id integer,
  CONSTRAINT works_decision_id_fkey FOREIGN KEY (decision_id) REFERENCES decisions(id),
  CONSTRAINT works_pkey PRIMARY KEY (id),
  CONSTRAINT works_status_check CHECK (((status)::text = ANY ((ARRAY['proposed'::character varying, 'consulting'::character varying, 'approved'::character varying, 'in_progress'::character varying, 'completed'::character varying, 'accepted'::character varying, 'settled'::character varying, 'cancelled'::character varying])::text[]))),
  CONSTRAINT works_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id),
  CONSTRAINT works_unit_id_number_unique UNIQUE (unit_id, number)
);

-- table year_closings
CREATE TABLE year_closings (
  id integer NOT NULL DEFAULT nextval('year_closings_id_seq'::regclass),
  unit_id integer NOT NULL,
  year integer NOT NULL,
  entry_id bigint,
  closing_id integer NOT NULL,
  opening_balances text NOT NULL,
  created_by integer,
  created_at character varying(30) NOT NULL,
  CONSTRAINT year_closings_closing_id_foreign FOREIGN KEY (closing_id) REFERENCES closings(id),
  CONSTRAINT year_closings_entry_id_foreign FOREIGN KEY (entry_id) REFERENCES entries(id),
  CONSTRAINT year_closings_pkey PRIMARY KEY (id),
  CONSTRAINT year_closings_unit_id_foreign FOREIGN KEY (unit_id) REFERENCES units(id),
  CONSTRAINT year_closings_unit_id_year_unique UNIQUE (unit_id, year)
);

-- index account_days_pkey
CREATE UNIQUE INDEX account_days_pkey ON account_days USING btree (account_id, entry_date);

-- index account_days_unit_id_entry_date_index
CREATE INDEX account_days_unit_id_entry_date_index ON account_days USING btree (unit_id, entry_date);

-- index account_templates_pkey
CREATE UNIQUE INDEX account_templates_pkey ON account_templates USING btree (template, code);

-- index accounts_pkey
CREATE UNIQUE INDEX accounts_pkey ON accounts USING btree (id);

-- index accounts_unit_id_code_unique
CREATE UNIQUE INDEX accounts_unit_id_code_unique ON accounts USING btree (unit_id, code);

-- index attachment_links_attachment_id_index
CREATE INDEX attachment_links_attachment_id_index ON attachment_links USING btree (attachment_id);

-- index attachment_links_kind_ref_id_index
CREATE INDEX attachment_links_kind_ref_id_index ON attachment_links USING btree (kind, ref_id);

-- index attachment_links_pkey
CREATE UNIQUE INDEX attachment_links_pkey ON attachment_links USING btree (id);

-- index attachment_scrubs_pkey
CREATE UNIQUE INDEX attachment_scrubs_pkey ON attachment_scrubs USING btree (attachment_id);

-- index attachments_pkey
CREATE UNIQUE INDEX attachments_pkey ON attachments USING btree (id);

-- index attachments_unit_id_index
CREATE INDEX attachments_unit_id_index ON attachments USING btree (unit_id);

-- index audit_events_at_index
CREATE INDEX audit_events_at_index ON audit_events USING btree (at);

-- index audit_events_pkey
CREATE UNIQUE INDEX audit_events_pkey ON audit_events USING btree (id);

-- index audit_events_unit_id_id_index
CREATE INDEX audit_events_unit_id_id_index ON audit_events USING btree (unit_id, id);

-- index board_units_pkey
CREATE UNIQUE INDEX board_units_pkey ON board_units USING btree (board_id, unit_id);

-- index board_works_pkey
CREATE UNIQUE INDEX board_works_pkey ON board_works USING btree (board_id, work_id);

-- index board_works_work_id_index
CREATE INDEX board_works_work_id_index ON board_works USING btree (work_id);

-- index boards_pkey
CREATE UNIQUE INDEX boards_pkey ON boards USING btree (id);

-- index calendar_days_pkey
CREATE UNIQUE INDEX calendar_days_pkey ON calendar_days USING btree (id);

-- index calendar_days_unit_id_day_unique
CREATE UNIQUE INDEX calendar_days_unit_id_day_unique ON calendar_days USING btree (unit_id, day);

-- index campaign_household_totals_pkey
CREATE UNIQUE INDEX campaign_household_totals_pkey ON campaign_household_totals USING btree (campaign_id, household_id);

-- index campaigns_pkey
CREATE UNIQUE INDEX campaigns_pkey ON campaigns USING btree (id);

-- index cash_counts_pkey
CREATE UNIQUE INDEX cash_counts_pkey ON cash_counts USING btree (id);

-- index cash_counts_unit_id_index
CREATE INDEX cash_counts_unit_id_index ON cash_counts USING btree (unit_id);

-- index channel_tokens_pkey
CREATE UNIQUE INDEX channel_tokens_pkey ON channel_tokens USING btree (channel);

-- index chart_roles_pkey
CREATE UNIQUE INDEX chart_roles_pkey ON chart_roles USING btree (code, role);

-- index closings_pkey
CREATE UNIQUE INDEX closings_pkey ON closings USING btree (id);

-- index closings_unit_id_through_index
CREATE INDEX closings_unit_id_through_index ON closings USING btree (unit_id, through);

-- index consultation_response_items_pkey
CREATE UNIQUE INDEX consultation_response_items_pkey ON consultation_response_items USING btree (id);

-- index consultation_response_items_response_id_position_unique
CREATE UNIQUE INDEX consultation_response_items_response_id_position_unique ON consultation_response_items USING btree (response_id, "position");

-- index consultation_responses_consultation_id_unique
CREATE UNIQUE INDEX consultation_responses_consultation_id_unique ON consultation_responses USING btree (consultation_id);

-- index consultation_responses_pkey
CREATE UNIQUE INDEX consultation_responses_pkey ON consultation_responses USING btree (id);

-- index consultations_pkey
CREATE UNIQUE INDEX consultations_pkey ON consultations USING btree (id);

-- index consultations_work_id_index
CREATE INDEX consultations_work_id_index ON consultations USING btree (work_id);

-- index contributions_campaign_id_household_id_index
CREATE INDEX contributions_campaign_id_household_id_index ON contributions USING btree (campaign_id, household_id);

-- index contributions_campaign_kind
CREATE INDEX contributions_campaign_kind ON contributions USING btree (campaign_id, kind);

-- index contributions_household_id_index
CREATE INDEX contributions_household_id_index ON contributions USING btree (household_id);

-- index contributions_import
CREATE INDEX contributions_import ON contributions USING btree (import_id);

-- index contributions_pkey
CREATE UNIQUE INDEX contributions_pkey ON contributions USING btree (id);

-- index contributions_unit_kind
CREATE INDEX contributions_unit_kind ON contributions USING btree (unit_id, kind);

-- index decision_ballots_decision_id_household_id_unique
CREATE UNIQUE INDEX decision_ballots_decision_id_household_id_unique ON decision_ballots USING btree (decision_id, household_id);

-- index decision_ballots_pkey
CREATE UNIQUE INDEX decision_ballots_pkey ON decision_ballots USING btree (id);

-- index decision_settings_pkey
CREATE UNIQUE INDEX decision_settings_pkey ON decision_settings USING btree (unit_id);

-- index decision_transitions_decision_id_id_index
CREATE INDEX decision_transitions_decision_id_id_index ON decision_transitions USING btree (decision_id, id);

-- index decision_transitions_pkey
CREATE UNIQUE INDEX decision_transitions_pkey ON decision_transitions USING btree (id);

-- index decisions_pkey
CREATE UNIQUE INDEX decisions_pkey ON decisions USING btree (id);

-- index decisions_unit_id_held_on_index
CREATE INDEX decisions_unit_id_held_on_index ON decisions USING btree (unit_id, held_on);

-- index entries_campaign
CREATE INDEX entries_campaign ON entries USING btree (unit_id, campaign_id, household_id);

-- index entries_household
CREATE INDEX entries_household ON entries USING btree (household_id);

-- index entries_journal
CREATE INDEX entries_journal ON entries USING btree (unit_id, entry_date, seq);

-- index entries_pkey
CREATE UNIQUE INDEX entries_pkey ON entries USING btree (id);

-- index entries_reverses_id_unique
CREATE UNIQUE INDEX entries_reverses_id_unique ON entries USING btree (reverses_id);

-- index entries_unit_id_seq_unique
CREATE UNIQUE INDEX entries_unit_id_seq_unique ON entries USING btree (unit_id, seq);

-- index entries_unit_id_voucher_series_voucher_year_voucher_number_uniq
CREATE UNIQUE INDEX entries_unit_id_voucher_series_voucher_year_voucher_number_uniq ON entries USING btree (unit_id, voucher_series, voucher_year, voucher_number);

-- index exemptions_campaign_id_household_id_unique
CREATE UNIQUE INDEX exemptions_campaign_id_household_id_unique ON exemptions USING btree (campaign_id, household_id);

-- index exemptions_pkey
CREATE UNIQUE INDEX exemptions_pkey ON exemptions USING btree (id);

-- index expenses_pkey
CREATE UNIQUE INDEX expenses_pkey ON expenses USING btree (id);

-- index expenses_public_page
CREATE INDEX expenses_public_page ON expenses USING btree (work_id, status, entry_date, id);

-- index expenses_work_id_status_index
CREATE INDEX expenses_work_id_status_index ON expenses USING btree (work_id, status);

-- index failed_attempts_kind_subject_failed_at_index
CREATE INDEX failed_attempts_kind_subject_failed_at_index ON failed_attempts USING btree (kind, subject, failed_at);

-- index failed_attempts_pkey
CREATE UNIQUE INDEX failed_attempts_pkey ON failed_attempts USING btree (id);

-- index feedback_photos_feedback_id_index
CREATE INDEX feedback_photos_feedback_id_index ON feedback_photos USING btree (feedback_id);

-- index feedback_photos_pkey
CREATE UNIQUE INDEX feedback_photos_pkey ON feedback_photos USING btree (attachment_id);

-- index feedback_photos_work_id_index
CREATE INDEX feedback_photos_work_id_index ON feedback_photos USING btree (work_id);

-- index feedback_pkey
CREATE UNIQUE INDEX feedback_pkey ON feedback USING btree (id);

-- index feedback_work_id_index
CREATE INDEX feedback_work_id_index ON feedback USING btree (work_id);

-- index finding_transitions_finding_id_index
CREATE INDEX finding_transitions_finding_id_index ON finding_transitions USING btree (finding_id);

-- index finding_transitions_pkey
CREATE UNIQUE INDEX finding_transitions_pkey ON finding_transitions USING btree (id);

-- index findings_inspection_id_index
CREATE INDEX findings_inspection_id_index ON findings USING btree (inspection_id);

-- index findings_pkey
CREATE UNIQUE INDEX findings_pkey ON findings USING btree (id);

-- index findings_unit_id_status_index
CREATE INDEX findings_unit_id_status_index ON findings USING btree (unit_id, status);

-- index findings_work_id_index
CREATE INDEX findings_work_id_index ON findings USING btree (work_id);

-- index grants_one_chair_per_board
CREATE UNIQUE INDEX grants_one_chair_per_board ON grants USING btree (board_id) WHERE ((board_role)::text = 'chair'::text);

-- index grants_pkey
CREATE UNIQUE INDEX grants_pkey ON grants USING btree (id);

-- index grants_user_id_index
CREATE INDEX grants_user_id_index ON grants USING btree (user_id);

-- index household_activity_household_id_changed_at_index
CREATE INDEX household_activity_household_id_changed_at_index ON household_activity USING btree (household_id, changed_at);

-- index household_activity_pkey
CREATE UNIQUE INDEX household_activity_pkey ON household_activity USING btree (id);

-- index household_moves_pkey
CREATE UNIQUE INDEX household_moves_pkey ON household_moves USING btree (id);

-- index households_pkey
CREATE UNIQUE INDEX households_pkey ON households USING btree (id);

-- index households_unit_id_code_unique
CREATE UNIQUE INDEX households_unit_id_code_unique ON households USING btree (unit_id, code);

-- index idempotency_keys_pkey
CREATE UNIQUE INDEX idempotency_keys_pkey ON idempotency_keys USING btree (unit_id, key);

-- index imports_campaign_id_content_hash_index
CREATE INDEX imports_campaign_id_content_hash_index ON imports USING btree (campaign_id, content_hash);

-- index imports_committed_once
CREATE UNIQUE INDEX imports_committed_once ON imports USING btree (campaign_id, content_hash) WHERE ((status)::text = 'committed'::text);

-- index imports_pkey
CREATE UNIQUE INDEX imports_pkey ON imports USING btree (id);

-- index inspection_addenda_inspection_id_index
CREATE INDEX inspection_addenda_inspection_id_index ON inspection_addenda USING btree (inspection_id);

-- index inspection_addenda_pkey
CREATE UNIQUE INDEX inspection_addenda_pkey ON inspection_addenda USING btree (id);

-- index inspections_board_id_index
CREATE INDEX inspections_board_id_index ON inspections USING btree (board_id);

-- index inspections_pkey
CREATE UNIQUE INDEX inspections_pkey ON inspections USING btree (id);

-- index inspections_work_id_index
CREATE INDEX inspections_work_id_index ON inspections USING btree (work_id);

-- index ledger_heads_pkey
CREATE UNIQUE INDEX ledger_heads_pkey ON ledger_heads USING btree (unit_id);

-- index opinions_consultation_id_household_id_id_index
CREATE INDEX opinions_consultation_id_household_id_id_index ON opinions USING btree (consultation_id, household_id, id);

-- index opinions_pkey
CREATE UNIQUE INDEX opinions_pkey ON opinions USING btree (id);

-- index outbox_event_id_subscription_id_unique
CREATE UNIQUE INDEX outbox_event_id_subscription_id_unique ON outbox USING btree (event_id, subscription_id);

-- index outbox_events_fanned_at_id_index
CREATE INDEX outbox_events_fanned_at_id_index ON outbox_events USING btree (fanned_at, id);

-- index outbox_events_kind_ref_id_index
CREATE INDEX outbox_events_kind_ref_id_index ON outbox_events USING btree (kind, ref_id);

-- index outbox_events_pkey
CREATE UNIQUE INDEX outbox_events_pkey ON outbox_events USING btree (id);

-- index outbox_pkey
CREATE UNIQUE INDEX outbox_pkey ON outbox USING btree (id);

-- index outbox_status_next_at_index
CREATE INDEX outbox_status_next_at_index ON outbox USING btree (status, next_at);

-- index outbox_unit_id_status_index
CREATE INDEX outbox_unit_id_status_index ON outbox USING btree (unit_id, status);

-- index postings_account_date
CREATE INDEX postings_account_date ON postings USING btree (account_id, entry_date, seq, id);

-- index postings_entry
CREATE INDEX postings_entry ON postings USING btree (entry_id);

-- index postings_pkey
CREATE UNIQUE INDEX postings_pkey ON postings USING btree (id);

-- index publication_opinions_pkey
CREATE UNIQUE INDEX publication_opinions_pkey ON publication_opinions USING btree (id);

-- index publication_opinions_publication_id_index
CREATE INDEX publication_opinions_publication_id_index ON publication_opinions USING btree (publication_id);

-- index publication_postings_pkey
CREATE UNIQUE INDEX publication_postings_pkey ON publication_postings USING btree (id);

-- index publication_postings_publication_id_index
CREATE INDEX publication_postings_publication_id_index ON publication_postings USING btree (publication_id);

-- index publication_settings_pkey
CREATE UNIQUE INDEX publication_settings_pkey ON publication_settings USING btree (unit_id);

-- index publications_code_unique
CREATE UNIQUE INDEX publications_code_unique ON publications USING btree (code);

-- index publications_pkey
CREATE UNIQUE INDEX publications_pkey ON publications USING btree (id);

-- index publications_unit_id_status_id_index
CREATE INDEX publications_unit_id_status_id_index ON publications USING btree (unit_id, status, id);

-- index reductions_campaign_id_household_id_unique
CREATE UNIQUE INDEX reductions_campaign_id_household_id_unique ON reductions USING btree (campaign_id, household_id);

-- index reductions_pkey
CREATE UNIQUE INDEX reductions_pkey ON reductions USING btree (id);

-- index sessions_pkey
CREATE UNIQUE INDEX sessions_pkey ON sessions USING btree (id);

-- index sessions_token_hash_unique
CREATE UNIQUE INDEX sessions_token_hash_unique ON sessions USING btree (token_hash);

-- index sessions_user_id_index
CREATE INDEX sessions_user_id_index ON sessions USING btree (user_id);

-- index subscriptions_household_id_status_index
CREATE INDEX subscriptions_household_id_status_index ON subscriptions USING btree (household_id, status);

-- index subscriptions_pkey
CREATE UNIQUE INDEX subscriptions_pkey ON subscriptions USING btree (id);

-- index subscriptions_unit_id_status_index
CREATE INDEX subscriptions_unit_id_status_index ON subscriptions USING btree (unit_id, status);

-- index units_code_unique
CREATE UNIQUE INDEX units_code_unique ON units USING btree (code);

-- index units_parent_id_index
CREATE INDEX units_parent_id_index ON units USING btree (parent_id);

-- index units_pkey
CREATE UNIQUE INDEX units_pkey ON units USING btree (id);

-- index users_pkey
CREATE UNIQUE INDEX users_pkey ON users USING btree (id);

-- index users_username_unique
CREATE UNIQUE INDEX users_username_unique ON users USING btree (username);

-- index voucher_heads_pkey
CREATE UNIQUE INDEX voucher_heads_pkey ON voucher_heads USING btree (unit_id, voucher_series, voucher_year);

-- index work_holds_finding_id_unique
CREATE UNIQUE INDEX work_holds_finding_id_unique ON work_holds USING btree (finding_id);

-- index work_holds_pkey
CREATE UNIQUE INDEX work_holds_pkey ON work_holds USING btree (id);

-- index work_holds_work_id_index
CREATE INDEX work_holds_work_id_index ON work_holds USING btree (work_id);

-- index work_lines_pkey
CREATE UNIQUE INDEX work_lines_pkey ON work_lines USING btree (id);

-- index work_lines_work_id_index
CREATE INDEX work_lines_work_id_index ON work_lines USING btree (work_id);

-- index work_progress_pkey
CREATE UNIQUE INDEX work_progress_pkey ON work_progress USING btree (id);

-- index work_progress_work_id_index
CREATE INDEX work_progress_work_id_index ON work_progress USING btree (work_id);

-- index work_transitions_pkey
CREATE UNIQUE INDEX work_transitions_pkey ON work_transitions USING btree (id);

-- index work_transitions_work_id_index
CREATE INDEX work_transitions_work_id_index ON work_transitions USING btree (work_id);

-- index works_pkey
CREATE UNIQUE INDEX works_pkey ON works USING btree (id);

-- index works_unit_id_number_unique
CREATE UNIQUE INDEX works_unit_id_number_unique ON works USING btree (unit_id, number);

-- index year_closings_pkey
CREATE UNIQUE INDEX year_closings_pkey ON year_closings USING btree (id);

-- index year_closings_unit_id_year_unique
CREATE UNIQUE INDEX year_closings_unit_id_year_unique ON year_closings USING btree (unit_id, year);

-- sequence accounts_id_seq
CREATE SEQUENCE accounts_id_seq AS integer START 1 INCREMENT 1;

-- sequence attachment_links_id_seq
CREATE SEQUENCE attachment_links_id_seq AS integer START 1 INCREMENT 1;

-- sequence attachments_id_seq
CREATE SEQUENCE attachments_id_seq AS integer START 1 INCREMENT 1;

-- sequence audit_events_id_seq
CREATE SEQUENCE audit_events_id_seq AS bigint START 1 INCREMENT 1;

-- sequence boards_id_seq
CREATE SEQUENCE boards_id_seq AS integer START 1 INCREMENT 1;

-- sequence calendar_days_id_seq
CREATE SEQUENCE calendar_days_id_seq AS integer START 1 INCREMENT 1;

-- sequence campaigns_id_seq
CREATE SEQUENCE campaigns_id_seq AS integer START 1 INCREMENT 1;

-- sequence cash_counts_id_seq
CREATE SEQUENCE cash_counts_id_seq AS integer START 1 INCREMENT 1;

-- sequence closings_id_seq
CREATE SEQUENCE closings_id_seq AS integer START 1 INCREMENT 1;

-- sequence consultation_response_items_id_seq
CREATE SEQUENCE consultation_response_items_id_seq AS integer START 1 INCREMENT 1;

-- sequence consultation_responses_id_seq
CREATE SEQUENCE consultation_responses_id_seq AS integer START 1 INCREMENT 1;

-- sequence consultations_id_seq
CREATE SEQUENCE consultations_id_seq AS integer START 1 INCREMENT 1;

-- sequence contributions_id_seq
CREATE SEQUENCE contributions_id_seq AS bigint START 1 INCREMENT 1;

-- sequence decision_ballots_id_seq
CREATE SEQUENCE decision_ballots_id_seq AS integer START 1 INCREMENT 1;

-- sequence decision_transitions_id_seq
CREATE SEQUENCE decision_transitions_id_seq AS integer START 1 INCREMENT 1;

-- sequence decisions_id_seq
CREATE SEQUENCE decisions_id_seq AS integer START 1 INCREMENT 1;

-- sequence entries_id_seq
CREATE SEQUENCE entries_id_seq AS bigint START 1 INCREMENT 1;

-- sequence exemptions_id_seq
CREATE SEQUENCE exemptions_id_seq AS integer START 1 INCREMENT 1;

-- sequence expenses_id_seq
CREATE SEQUENCE expenses_id_seq AS integer START 1 INCREMENT 1;

-- sequence failed_attempts_id_seq
CREATE SEQUENCE failed_attempts_id_seq AS integer START 1 INCREMENT 1;

-- sequence feedback_id_seq
CREATE SEQUENCE feedback_id_seq AS integer START 1 INCREMENT 1;

-- sequence finding_transitions_id_seq
CREATE SEQUENCE finding_transitions_id_seq AS integer START 1 INCREMENT 1;

-- sequence findings_id_seq
CREATE SEQUENCE findings_id_seq AS integer START 1 INCREMENT 1;

-- sequence grants_id_seq
CREATE SEQUENCE grants_id_seq AS integer START 1 INCREMENT 1;

-- sequence household_activity_id_seq
CREATE SEQUENCE household_activity_id_seq AS integer START 1 INCREMENT 1;

-- sequence household_moves_id_seq
CREATE SEQUENCE household_moves_id_seq AS integer START 1 INCREMENT 1;

-- sequence households_id_seq
CREATE SEQUENCE households_id_seq AS integer START 1 INCREMENT 1;

-- sequence imports_id_seq
CREATE SEQUENCE imports_id_seq AS integer START 1 INCREMENT 1;

-- sequence inspection_addenda_id_seq
CREATE SEQUENCE inspection_addenda_id_seq AS integer START 1 INCREMENT 1;

-- sequence inspections_id_seq
CREATE SEQUENCE inspections_id_seq AS integer START 1 INCREMENT 1;

-- sequence opinions_id_seq
CREATE SEQUENCE opinions_id_seq AS bigint START 1 INCREMENT 1;

-- sequence outbox_events_id_seq
CREATE SEQUENCE outbox_events_id_seq AS integer START 1 INCREMENT 1;

-- sequence outbox_id_seq
CREATE SEQUENCE outbox_id_seq AS integer START 1 INCREMENT 1;

-- sequence postings_id_seq
CREATE SEQUENCE postings_id_seq AS bigint START 1 INCREMENT 1;

-- sequence publication_opinions_id_seq
CREATE SEQUENCE publication_opinions_id_seq AS integer START 1 INCREMENT 1;

-- sequence publication_postings_id_seq
CREATE SEQUENCE publication_postings_id_seq AS integer START 1 INCREMENT 1;

-- sequence publications_id_seq
CREATE SEQUENCE publications_id_seq AS integer START 1 INCREMENT 1;

-- sequence reductions_id_seq
CREATE SEQUENCE reductions_id_seq AS integer START 1 INCREMENT 1;

-- sequence sessions_id_seq
CREATE SEQUENCE sessions_id_seq AS integer START 1 INCREMENT 1;

-- sequence subscriptions_id_seq
CREATE SEQUENCE subscriptions_id_seq AS integer START 1 INCREMENT 1;

-- sequence units_id_seq
CREATE SEQUENCE units_id_seq AS integer START 1 INCREMENT 1;

-- sequence users_id_seq
CREATE SEQUENCE users_id_seq AS integer START 1 INCREMENT 1;

-- sequence work_holds_id_seq
CREATE SEQUENCE work_holds_id_seq AS integer START 1 INCREMENT 1;

-- sequence work_lines_id_seq
CREATE SEQUENCE work_lines_id_seq AS integer START 1 INCREMENT 1;

-- sequence work_progress_id_seq
CREATE SEQUENCE work_progress_id_seq AS integer START 1 INCREMENT 1;

-- sequence work_transitions_id_seq
CREATE SEQUENCE work_transitions_id_seq AS integer START 1 INCREMENT 1;

-- sequence works_id_seq
CREATE SEQUENCE works_id_seq AS integer START 1 INCREMENT 1;

-- sequence year_closings_id_seq
CREATE SEQUENCE year_closings_id_seq AS integer START 1 INCREMENT 1;

-- function attachment_scrubs_once()
CREATE OR REPLACE FUNCTION attachment_scrubs_once()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      BEGIN
        IF TG_OP = 'DELETE' OR OLD.sha256 IS NOT NULL OR NEW.attachment_id <> OLD.attachment_id THEN
          RAISE EXCEPTION 'append_only: attachment_scrubs' USING ERRCODE = 'P0001';
        END IF;
        RETURN NEW;
      END $function$;

-- function campaign_totals_statement()
CREATE OR REPLACE FUNCTION campaign_totals_statement()
 RETURNS trigger
 LANGUAGE plpgsql
 SET enable_seqscan TO 'off'
 SET jit TO 'off'
AS $function$
    DECLARE money VARCHAR[]; pledges VARCHAR[];
    BEGIN
      SELECT COALESCE(array_agg(code) FILTER (WHERE role = 'money'), '{}'), COALESCE(array_agg(code) FILTER (WHERE role = 'pledges'), '{}')
        INTO money, pledges FROM chart_roles;
      INSERT INTO campaign_household_totals (campaign_id, household_id, unit_id, cash, receivable)
        SELECT e.campaign_id, e.household_id, MIN(e.unit_id), SUM(s.cash), SUM(s.owed)
        FROM new_entries e CROSS JOIN LATERAL (
          SELECT COUNT(*) FILTER (WHERE a.code = ANY (money) OR a.code = ANY (pledges)) AS n,
                 COALESCE(SUM(CASE WHEN a.code = ANY (money) THEN p.amount ELSE 0 END), 0) AS cash,
                 COALESCE(SUM(CASE WHEN a.code = ANY (pledges) THEN p.amount ELSE 0 END), 0) AS owed
          FROM postings p JOIN accounts a ON a.id = p.account_id
          WHERE p.entry_id = e.id) s
        WHERE e.campaign_id IS NOT NULL AND e.household_id IS NOT NULL
        GROUP BY e.campaign_id, e.household_id
        HAVING SUM(s.n) > 0
        ON CONFLICT (campaign_id, household_id) DO UPDATE SET
    cash = campaign_household_totals.cash + excluded.cash,
    receivable = campaign_household_totals.receivable + excluded.receivable;
      RETURN NULL; END $function$;

-- function campaigns_decision_recognised()
CREATE OR REPLACE FUNCTION campaigns_decision_recognised()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$ BEGIN
      IF NEW.decision_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.id = NEW.decision_id AND d.unit_id = NEW.unit_id AND d.status = 'recognised') THEN RAISE EXCEPTION 'decision_not_recognised: campaigns' USING ERRCODE = 'P0001'; END IF;
      RETURN NEW; END $function$;

-- function campaigns_work_id_in_unit()
CREATE OR REPLACE FUNCTION campaigns_work_id_in_unit()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$ BEGIN
        IF NEW.work_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM works x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.work_id AND substr(xu.path, 1, length(nu.path)) = nu.path) THEN RAISE EXCEPTION 'not_found: work' USING ERRCODE = 'P0001'; END IF;
        RETURN NEW; END $function$;

-- function cash_counts_board_oversees()
CREATE OR REPLACE FUNCTION cash_counts_board_oversees()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM board_units bu JOIN units ou ON ou.id = bu.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE bu.board_id = NEW.board_id AND substr(nu.path, 1, length(ou.path)) = ou.path) THEN RAISE EXCEPTION 'not_found: board' USING ERRCODE = 'P0001'; END IF;
        RETURN NEW; END $function$;

-- function consultation_response_items_frozen()
CREATE OR REPLACE FUNCTION consultation_response_items_frozen()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$ BEGIN
      IF TG_OP <> 'INSERT' AND (SELECT r.published_at FROM consultation_responses r WHERE r.id = OLD.response_id) IS NOT NULL THEN RAISE EXCEPTION 'response_published: consultation_response_items' USING ERRCODE = 'P0001'; END IF;
      IF TG_OP <> 'DELETE' AND (SELECT r.published_at FROM consultation_responses r WHERE r.id = NEW.response_id) IS NOT NULL THEN RAISE EXCEPTION 'response_published: consultation_response_items' USING ERRCODE = 'P0001'; END IF;
      IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
      RETURN NEW; END $function$;

-- function consultation_responses_frozen()
CREATE OR REPLACE FUNCTION consultation_responses_frozen()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$ BEGIN
      IF OLD.published_at IS NOT NULL THEN RAISE EXCEPTION 'response_published: consultation_responses' USING ERRCODE = 'P0001'; END IF;
      IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
      RETURN NEW; END $function$;

-- function consultations_work_id_in_unit()
CREATE OR REPLACE FUNCTION consultations_work_id_in_unit()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$ BEGIN
        IF NEW.work_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM works x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.work_id AND substr(xu.path, 1, length(nu.path)) = nu.path) THEN RAISE EXCEPTION 'not_found: work' USING ERRCODE = 'P0001'; END IF;
        RETURN NEW; END $function$;

-- function contributions_campaign_id_in_unit()
CREATE OR REPLACE FUNCTION contributions_campaign_id_in_unit()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$ BEGIN
        IF NEW.campaign_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM campaigns x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.campaign_id AND substr(xu.path, 1, length(nu.path)) = nu.path) THEN RAISE EXCEPTION 'not_found: campaign' USING ERRCODE = 'P0001'; END IF;
        RETURN NEW; END $function$;

-- function contributions_household_id_in_unit()
CREATE OR REPLACE FUNCTION contributions_household_id_in_unit()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$ BEGIN
        IF NEW.household_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM households x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.household_id AND substr(xu.path, 1, length(nu.path)) = nu.path) THEN RAISE EXCEPTION 'not_found: household' USING ERRCODE = 'P0001'; END IF;
        RETURN NEW; END $function$;

-- function decision_ballots_open()
CREATE OR REPLACE FUNCTION decision_ballots_open()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM decisions d WHERE d.id = NEW.decision_id AND d.unit_id = NEW.unit_id) THEN RAISE EXCEPTION 'not_found: decision' USING ERRCODE = 'P0001'; END IF;
      IF (SELECT d.status FROM decisions d WHERE d.id = NEW.decision_id) <> 'draft' THEN RAISE EXCEPTION 'decision_voted: decision_ballots' USING ERRCODE = 'P0001'; END IF;
      RETURN NEW; END $function$;

-- function decisions_moves()
CREATE OR REPLACE FUNCTION decisions_moves()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$ BEGIN
      IF (NEW.status <> OLD.status AND NOT ((OLD.status = 'draft' AND NEW.status = 'voted') OR (OLD.status = 'voted' AND NEW.status = 'submitted') OR (OLD.status = 'submitted' AND NEW.status IN ('recognised', 'returned')) OR (OLD.status = 'returned' AND NEW.status = 'submitted'))) OR (OLD.status <> 'draft' AND (NEW.households_total <> OLD.households_total OR NEW.present IS DISTINCT FROM OLD.present OR NEW.agree IS DISTINCT FROM OLD.agree OR NEW.disagree IS DISTINCT FROM OLD.disagree OR NEW.abstain IS DISTINCT FROM OLD.abstain OR NEW.subject <> OLD.subject OR NEW.method <> OLD.method OR NEW.held_on <> OLD.held_on OR NEW.unit_id <> OLD.unit_id)) THEN RAISE EXCEPTION 'invalid_transition: decisions' USING ERRCODE = 'P0001'; END IF;
      RETURN NEW; END $function$;

-- function entries_balanced()
CREATE OR REPLACE FUNCTION entries_balanced()
 RETURNS trigger
 LANGUAGE plpgsql
 SET enable_seqscan TO 'off'
 SET enable_hashjoin TO 'off'
 SET enable_mergejoin TO 'off'
 SET jit TO 'off'
AS $function$ BEGIN
    IF EXISTS (SELECT 1 FROM new_entries e CROSS JOIN LATERAL (
           SELECT COUNT(*) AS n, COALESCE(SUM(p.amount), 0) AS s FROM postings p WHERE p.entry_id = e.id) x
         WHERE x.n < 2 OR x.s <> 0) THEN RAISE EXCEPTION 'unbalanced_entry: an entry needs two or more postings summing to zero' USING ERRCODE = 'P0001'; END IF;
    RETURN NULL; END $function$;

-- function entries_campaign_id_in_unit()
CREATE OR REPLACE FUNCTION entries_campaign_id_in_unit()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$ BEGIN
        IF NEW.campaign_id IS NOT NULL AND NOT (NEW.reverses_id IS NOT NULL) AND NOT EXISTS (
    SELECT 1 FROM campaigns x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.campaign_id AND substr(xu.path, 1, length(nu.path)) = nu.path) THEN RAISE EXCEPTION 'not_found: campaign' USING ERRCODE = 'P0001'; END IF;
        RETURN NEW; END $function$;

-- function entries_chain()
CREATE OR REPLACE FUNCTION entries_chain()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
  DECLARE r record; lowest record; top_hash VARCHAR(64); n integer;
  BEGIN
    FOR r IN SELECT unit_id, MIN(seq) AS lo, MAX(seq) AS hi, COUNT(*) AS k FROM new_entries GROUP BY unit_id LOOP
      IF r.hi - r.lo + 1 <> r.k OR r.lo < 1 THEN RAISE EXCEPTION 'chain_broken: seq must follow the unit last entry and prev_hash its hash' USING ERRCODE = 'P0001'; END IF;
      IF EXISTS (SELECT 1 FROM new_entries a LEFT JOIN new_entries b ON b.unit_id = a.unit_id AND b.seq = a.seq - 1
                 WHERE a.unit_id = r.unit_id AND a.seq > r.lo AND (b.hash IS NULL OR b.hash <> a.prev_hash)) THEN RAISE EXCEPTION 'chain_broken: seq must follow the unit last entry and prev_hash its hash' USING ERRCODE = 'P0001'; END IF;
      SELECT prev_hash INTO lowest FROM new_entries WHERE unit_id = r.unit_id AND seq = r.lo;
      SELECT hash INTO top_hash FROM new_entries WHERE unit_id = r.unit_id AND seq = r.hi;
      IF r.lo = 1 THEN
        IF lowest.prev_hash <> '0000000000000000000000000000000000000000000000000000000000000000' OR EXISTS (SELECT 1 FROM ledger_heads h WHERE h.unit_id = r.unit_id) THEN RAISE EXCEPTION 'chain_broken: seq must follow the unit last entry and prev_hash its hash' USING ERRCODE = 'P0001'; END IF;
        INSERT INTO ledger_heads (unit_id, seq, hash) VALUES (r.unit_id, r.hi, top_hash);
      ELSE
        UPDATE ledger_heads SET seq = r.hi, hash = top_hash
          WHERE unit_id = r.unit_id AND seq = r.lo - 1 AND hash = lowest.prev_hash;
        GET DIAGNOSTICS n = ROW_COUNT;
        IF n <> 1 THEN RAISE EXCEPTION 'chain_broken: seq must follow the unit last entry and prev_hash its hash' USING ERRCODE = 'P0001'; END IF;
      END IF;
    END LOOP;
    RETURN NULL; END $function$;

-- function entries_household_id_in_unit()
CREATE OR REPLACE FUNCTION entries_household_id_in_unit()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$ BEGIN
        IF NEW.household_id IS NOT NULL AND NOT (NEW.reverses_id IS NOT NULL) AND NOT EXISTS (
    SELECT 1 FROM households x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.household_id AND substr(xu.path, 1, length(nu.path)) = nu.path) THEN RAISE EXCEPTION 'not_found: household' USING ERRCODE = 'P0001'; END IF;
        RETURN NEW; END $function$;

-- function entries_period_open()
CREATE OR REPLACE FUNCTION entries_period_open()
 RETURNS trigger
 LANGUAGE plpgsql
 SET enable_seqscan TO 'off'
 SET enable_hashjoin TO 'off'
 SET enable_mergejoin TO 'off'
 SET jit TO 'off'
AS $function$ BEGIN
    IF EXISTS (SELECT 1 FROM new_entries e
         WHERE e.entry_date <= (SELECT MAX(c.through) FROM closings c WHERE c.unit_id = e.unit_id)) THEN RAISE EXCEPTION 'period_closed: the date is inside a closed period' USING ERRCODE = 'P0001'; END IF;
    RETURN NULL; END $function$;

-- function entries_postings_match()
CREATE OR REPLACE FUNCTION entries_postings_match()
 RETURNS trigger
 LANGUAGE plpgsql
 SET enable_seqscan TO 'off'
 SET enable_hashjoin TO 'off'
 SET enable_mergejoin TO 'off'
 SET jit TO 'off'
AS $function$ BEGIN
    IF EXISTS (SELECT 1 FROM new_entries e CROSS JOIN LATERAL (
           SELECT COUNT(*) AS bad FROM postings p JOIN accounts a ON a.id = p.account_id
           WHERE p.entry_id = e.id AND (p.unit_id <> e.unit_id OR a.unit_id <> e.unit_id OR p.entry_date <> e.entry_date
                                        OR p.seq <> e.seq OR NOT a.is_active)) x
         WHERE x.bad > 0) THEN RAISE EXCEPTION 'posting_mismatch: postings must be of the entry unit and date, on active accounts of that unit' USING ERRCODE = 'P0001'; END IF;
    RETURN NULL; END $function$;

-- function entries_reversal_of_entry()
CREATE OR REPLACE FUNCTION entries_reversal_of_entry()
 RETURNS trigger
 LANGUAGE plpgsql
 SET enable_seqscan TO 'off'
 SET enable_hashjoin TO 'off'
 SET enable_mergejoin TO 'off'
 SET jit TO 'off'
AS $function$ BEGIN
    IF EXISTS (SELECT 1 FROM new_entries e WHERE e.reverses_id IS NOT NULL
         AND (SELECT COUNT(*) FROM entries r WHERE r.id = e.reverses_id AND r.unit_id = e.unit_id AND r.kind <> 'reversal') = 0) THEN RAISE EXCEPTION 'cannot_reverse_reversal: a reversal cannot be reversed; only an entry of the same unit' USING ERRCODE = 'P0001'; END IF;
    RETURN NULL; END $function$;

-- function entries_vouchers()
CREATE OR REPLACE FUNCTION entries_vouchers()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
  DECLARE r record; n integer;
  BEGIN
    FOR r IN SELECT unit_id, voucher_series, voucher_year, MIN(voucher_number) AS lo, MAX(voucher_number) AS hi, COUNT(*) AS k
             FROM new_entries GROUP BY unit_id, voucher_series, voucher_year LOOP
      IF r.hi - r.lo + 1 <> r.k OR r.lo < 1 THEN RAISE EXCEPTION 'voucher_gap: voucher numbers are gapless per unit, series and year' USING ERRCODE = 'P0001'; END IF;
      IF r.lo = 1 THEN
        IF EXISTS (SELECT 1 FROM voucher_heads v WHERE v.unit_id = r.unit_id AND v.voucher_series = r.voucher_series
                   AND v.voucher_year = r.voucher_year) THEN RAISE EXCEPTION 'voucher_gap: voucher numbers are gapless per unit, series and year' USING ERRCODE = 'P0001'; END IF;
        INSERT INTO voucher_heads (unit_id, voucher_series, voucher_year, voucher_number)
          VALUES (r.unit_id, r.voucher_series, r.voucher_year, r.hi);
      ELSE
        UPDATE voucher_heads SET voucher_number = r.hi
          WHERE unit_id = r.unit_id AND voucher_series = r.voucher_series AND voucher_year = r.voucher_year AND voucher_number = r.lo - 1;
        GET DIAGNOSTICS n = ROW_COUNT;
        IF n <> 1 THEN RAISE EXCEPTION 'voucher_gap: voucher numbers are gapless per unit, series and year' USING ERRCODE = 'P0001'; END IF;
      END IF;
    END LOOP;
    RETURN NULL; END $function$;

-- function entries_work_id_in_unit()
CREATE OR REPLACE FUNCTION entries_work_id_in_unit()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$ BEGIN
        IF NEW.work_id IS NOT NULL AND NOT (NEW.reverses_id IS NOT NULL) AND NOT EXISTS (
    SELECT 1 FROM works x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.work_id AND substr(xu.path, 1, length(nu.path)) = nu.path) THEN RAISE EXCEPTION 'not_found: work' USING ERRCODE = 'P0001'; END IF;
        RETURN NEW; END $function$;

-- function exemptions_campaign_id_in_unit()
CREATE OR REPLACE FUNCTION exemptions_campaign_id_in_unit()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$ BEGIN
        IF NEW.campaign_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM campaigns x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.campaign_id AND substr(xu.path, 1, length(nu.path)) = nu.path) THEN RAISE EXCEPTION 'not_found: campaign' USING ERRCODE = 'P0001'; END IF;
        RETURN NEW; END $function$;

-- function exemptions_household_id_in_unit()
CREATE OR REPLACE FUNCTION exemptions_household_id_in_unit()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$ BEGIN
        IF NEW.household_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM households x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.household_id AND substr(xu.path, 1, length(nu.path)) = nu.path) THEN RAISE EXCEPTION 'not_found: household' USING ERRCODE = 'P0001'; END IF;
        RETURN NEW; END $function$;

-- function expenses_work_id_in_unit()
CREATE OR REPLACE FUNCTION expenses_work_id_in_unit()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$ BEGIN
        IF NEW.work_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM works x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.work_id AND substr(xu.path, 1, length(nu.path)) = nu.path) THEN RAISE EXCEPTION 'not_found: work' USING ERRCODE = 'P0001'; END IF;
        RETURN NEW; END $function$;

-- function feedback_work_id_in_unit()
CREATE OR REPLACE FUNCTION feedback_work_id_in_unit()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$ BEGIN
        IF NEW.work_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM works x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.work_id AND substr(xu.path, 1, length(nu.path)) = nu.path) THEN RAISE EXCEPTION 'not_found: work' USING ERRCODE = 'P0001'; END IF;
        RETURN NEW; END $function$;

-- function findings_board_oversees()
CREATE OR REPLACE FUNCTION findings_board_oversees()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM board_units bu JOIN units ou ON ou.id = bu.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE bu.board_id = NEW.board_id AND substr(nu.path, 1, length(ou.path)) = ou.path) AND NOT (NEW.work_id IS NOT NULL AND EXISTS (SELECT 1 FROM board_works bw WHERE bw.board_id = NEW.board_id AND bw.work_id = NEW.work_id)) THEN RAISE EXCEPTION 'not_found: board' USING ERRCODE = 'P0001'; END IF;
        RETURN NEW; END $function$;

-- function findings_work_id_in_unit()
CREATE OR REPLACE FUNCTION findings_work_id_in_unit()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$ BEGIN
        IF NEW.work_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM works x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.work_id AND substr(xu.path, 1, length(nu.path)) = nu.path) THEN RAISE EXCEPTION 'not_found: work' USING ERRCODE = 'P0001'; END IF;
        RETURN NEW; END $function$;

-- function heads_guard()
CREATE OR REPLACE FUNCTION heads_guard()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$ BEGIN
    IF pg_trigger_depth() < 2 THEN RAISE EXCEPTION 'append_only: the ledger heads are kept by the entries trigger' USING ERRCODE = 'P0001'; END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW; END $function$;

-- function inspections_board_oversees()
CREATE OR REPLACE FUNCTION inspections_board_oversees()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM board_units bu JOIN units ou ON ou.id = bu.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE bu.board_id = NEW.board_id AND substr(nu.path, 1, length(ou.path)) = ou.path) AND NOT (NEW.work_id IS NOT NULL AND EXISTS (SELECT 1 FROM board_works bw WHERE bw.board_id = NEW.board_id AND bw.work_id = NEW.work_id)) THEN RAISE EXCEPTION 'not_found: board' USING ERRCODE = 'P0001'; END IF;
        RETURN NEW; END $function$;

-- function inspections_work_id_in_unit()
CREATE OR REPLACE FUNCTION inspections_work_id_in_unit()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$ BEGIN
        IF NEW.work_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM works x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.work_id AND substr(xu.path, 1, length(nu.path)) = nu.path) THEN RAISE EXCEPTION 'not_found: work' USING ERRCODE = 'P0001'; END IF;
        RETURN NEW; END $function$;

-- function payments_approved()
CREATE OR REPLACE FUNCTION payments_approved()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$ DECLARE money VARCHAR[]; advances VARCHAR[]; BEGIN
      SELECT COALESCE(array_agg(code) FILTER (WHERE role = 'money'), '{}'), COALESCE(array_agg(code) FILTER (WHERE role = 'advances'), '{}')
        INTO money, advances FROM chart_roles;
      IF EXISTS (SELECT 1 FROM new_entries e JOIN units u ON u.id = e.unit_id
                 CROSS JOIN LATERAL (
                   SELECT COALESCE(SUM(CASE WHEN p.amount > 0 AND (a.type = 'expense' OR a.code = ANY (advances) OR a.parent_code = ANY (advances)) THEN p.amount ELSE 0 END), 0) AS cost,
                          COALESCE(SUM(CASE WHEN p.amount < 0 AND (a.code = ANY (money) OR a.parent_code = ANY (money)) THEN -p.amount ELSE 0 END), 0) AS cash
                   FROM postings p JOIN accounts a ON a.id = p.account_id WHERE p.entry_id = e.id) m
                 WHERE e.kind NOT IN ('contribution', 'reversal') AND LEAST(m.cost, m.cash) > u.approval_threshold
                   AND NOT EXISTS (SELECT 1 FROM expenses x WHERE x.unit_id = e.unit_id AND x.work_id = e.work_id
  AND x.status = 'posted' AND x.entry_id IS NULL AND x.decided_by IS NOT NULL AND (x.drafted_by IS NULL OR x.decided_by <> x.drafted_by))) THEN
        RAISE EXCEPTION 'approval_required: a payment above the approval threshold needs an approved voucher' USING ERRCODE = 'P0001'; END IF;
      RETURN NULL; END $function$;

-- function postings_account_active()
CREATE OR REPLACE FUNCTION postings_account_active()
 RETURNS trigger
 LANGUAGE plpgsql
 SET enable_seqscan TO 'off'
 SET enable_hashjoin TO 'off'
 SET enable_mergejoin TO 'off'
 SET jit TO 'off'
AS $function$ BEGIN
    IF EXISTS (SELECT 1 FROM new_postings p
         WHERE (SELECT COUNT(*) FROM accounts a WHERE a.id = p.account_id AND NOT a.is_active) > 0) THEN RAISE EXCEPTION 'account_inactive: the account is deactivated' USING ERRCODE = 'P0001'; END IF;
    RETURN NULL; END $function$;

-- function postings_account_of_unit()
CREATE OR REPLACE FUNCTION postings_account_of_unit()
 RETURNS trigger
 LANGUAGE plpgsql
 SET enable_seqscan TO 'off'
 SET enable_hashjoin TO 'off'
 SET enable_mergejoin TO 'off'
 SET jit TO 'off'
AS $function$ BEGIN
    IF EXISTS (SELECT 1 FROM new_postings p
         WHERE (SELECT COUNT(*) FROM accounts a WHERE a.id = p.account_id AND a.unit_id = p.unit_id) = 0) THEN RAISE EXCEPTION 'unknown_account: the account is not one of the posting unit' USING ERRCODE = 'P0001'; END IF;
    RETURN NULL; END $function$;

-- function postings_days_statement()
CREATE OR REPLACE FUNCTION postings_days_statement()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$ BEGIN
    INSERT INTO account_days (account_id, entry_date, unit_id, debit, credit, postings)
      SELECT account_id, entry_date, unit_id, SUM(CASE WHEN amount > 0 THEN amount ELSE 0 END),
             SUM(CASE WHEN amount < 0 THEN amount ELSE 0 END), COUNT(*)
      FROM new_postings GROUP BY account_id, entry_date, unit_id
      ON CONFLICT (account_id, entry_date) DO UPDATE SET
        debit = account_days.debit + excluded.debit, credit = account_days.credit + excluded.credit,
        postings = account_days.postings + excluded.postings;
    RETURN NULL; END $function$;

-- function postings_entry_open()
CREATE OR REPLACE FUNCTION postings_entry_open()
 RETURNS trigger
 LANGUAGE plpgsql
 SET enable_seqscan TO 'off'
 SET enable_hashjoin TO 'off'
 SET enable_mergejoin TO 'off'
 SET jit TO 'off'
AS $function$ BEGIN
    IF EXISTS (SELECT 1 FROM new_postings p WHERE (SELECT COUNT(*) FROM entries e WHERE e.id = p.entry_id) > 0) THEN RAISE EXCEPTION 'entry_posted: postings cannot be added to a posted entry' USING ERRCODE = 'P0001'; END IF;
    RETURN NULL; END $function$;

-- function publication_opinions_board_oversees()
CREATE OR REPLACE FUNCTION publication_opinions_board_oversees()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM board_units bu JOIN units ou ON ou.id = bu.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE bu.board_id = NEW.board_id AND substr(nu.path, 1, length(ou.path)) = ou.path) THEN RAISE EXCEPTION 'not_found: board' USING ERRCODE = 'P0001'; END IF;
        RETURN NEW; END $function$;

-- function publication_postings_photo_attachment_id_in_unit()
CREATE OR REPLACE FUNCTION publication_postings_photo_attachment_id_in_unit()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$ BEGIN
        IF NEW.photo_attachment_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM attachments x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.photo_attachment_id AND substr(xu.path, 1, length(nu.path)) = nu.path) THEN RAISE EXCEPTION 'not_found: attachment' USING ERRCODE = 'P0001'; END IF;
        RETURN NEW; END $function$;

-- function publications_supersedes_id_in_unit()
CREATE OR REPLACE FUNCTION publications_supersedes_id_in_unit()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$ BEGIN
        IF NEW.supersedes_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM publications x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.supersedes_id AND substr(xu.path, 1, length(nu.path)) = nu.path) THEN RAISE EXCEPTION 'not_found: publication' USING ERRCODE = 'P0001'; END IF;
        RETURN NEW; END $function$;

-- function refuse_change()
CREATE OR REPLACE FUNCTION refuse_change()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      BEGIN RAISE EXCEPTION 'append_only: %', TG_TABLE_NAME USING ERRCODE = 'P0001'; END
      $function$;

-- function sessions_changed()
CREATE OR REPLACE FUNCTION sessions_changed()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
    BEGIN PERFORM pg_notify('cfl_sessions', ''); RETURN NULL; END $function$;

-- function work_lines_campaign_id_in_unit()
CREATE OR REPLACE FUNCTION work_lines_campaign_id_in_unit()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$ BEGIN
        IF NEW.campaign_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM campaigns x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.campaign_id AND substr(xu.path, 1, length(nu.path)) = nu.path) THEN RAISE EXCEPTION 'not_found: campaign' USING ERRCODE = 'P0001'; END IF;
        RETURN NEW; END $function$;

-- function work_lines_campaign_own_unit()
CREATE OR REPLACE FUNCTION work_lines_campaign_own_unit()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$ BEGIN
      IF NEW.campaign_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM campaigns c WHERE c.id = NEW.campaign_id AND c.unit_id = NEW.unit_id) THEN RAISE EXCEPTION 'not_found: campaign' USING ERRCODE = 'P0001'; END IF;
      RETURN NEW; END $function$;

-- trigger accounts.accounts_no_delete
CREATE TRIGGER accounts_no_delete BEFORE DELETE ON accounts FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- trigger attachment_links.attachment_links_append_only
CREATE TRIGGER attachment_links_append_only BEFORE DELETE OR UPDATE ON attachment_links FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- trigger attachment_links.attachment_links_no_truncate
CREATE TRIGGER attachment_links_no_truncate BEFORE TRUNCATE ON attachment_links FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- trigger attachment_scrubs.attachment_scrubs_once
CREATE TRIGGER attachment_scrubs_once BEFORE DELETE OR UPDATE ON attachment_scrubs FOR EACH ROW EXECUTE FUNCTION attachment_scrubs_once();

-- trigger attachments.attachments_append_only
CREATE TRIGGER attachments_append_only BEFORE DELETE OR UPDATE ON attachments FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- trigger attachments.attachments_no_truncate
CREATE TRIGGER attachments_no_truncate BEFORE TRUNCATE ON attachments FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- trigger audit_events.audit_events_append_only
CREATE TRIGGER audit_events_append_only BEFORE DELETE OR UPDATE ON audit_events FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- trigger audit_events.audit_events_no_truncate
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- trigger board_units.board_units_sessions_changed
CREATE TRIGGER board_units_sessions_changed AFTER INSERT OR DELETE OR UPDATE ON board_units FOR EACH STATEMENT EXECUTE FUNCTION sessions_changed();

-- trigger campaign_household_totals.campaign_household_totals_guard
CREATE TRIGGER campaign_household_totals_guard BEFORE INSERT OR DELETE OR UPDATE ON campaign_household_totals FOR EACH ROW EXECUTE FUNCTION heads_guard();

-- trigger campaign_household_totals.campaign_household_totals_no_truncate
CREATE TRIGGER campaign_household_totals_no_truncate BEFORE TRUNCATE ON campaign_household_totals FOR EACH STATEMENT EXECUTE FUNCTION heads_guard();

-- trigger campaigns.campaigns_decision_recognised
CREATE TRIGGER campaigns_decision_recognised BEFORE INSERT ON campaigns FOR EACH ROW EXECUTE FUNCTION campaigns_decision_recognised();

-- trigger campaigns.campaigns_work_id_in_unit
CREATE TRIGGER campaigns_work_id_in_unit BEFORE INSERT OR UPDATE OF work_id, unit_id ON campaigns FOR EACH ROW WHEN ((new.work_id IS NOT NULL)) EXECUTE FUNCTION campaigns_work_id_in_unit();

-- trigger cash_counts.cash_counts_append_only
CREATE TRIGGER cash_counts_append_only BEFORE DELETE OR UPDATE ON cash_counts FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- trigger cash_counts.cash_counts_board_oversees
CREATE TRIGGER cash_counts_board_oversees BEFORE INSERT OR UPDATE OF board_id, unit_id ON cash_counts FOR EACH ROW EXECUTE FUNCTION cash_counts_board_oversees();

-- trigger cash_counts.cash_counts_no_truncate
CREATE TRIGGER cash_counts_no_truncate BEFORE TRUNCATE ON cash_counts FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- trigger closings.closings_append_only
CREATE TRIGGER closings_append_only BEFORE DELETE OR UPDATE ON closings FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- trigger closings.closings_no_truncate
CREATE TRIGGER closings_no_truncate BEFORE TRUNCATE ON closings FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- trigger consultation_response_items.consultation_response_items_frozen
CREATE TRIGGER consultation_response_items_frozen BEFORE INSERT OR DELETE OR UPDATE ON consultation_response_items FOR EACH ROW EXECUTE FUNCTION consultation_response_items_frozen();

-- trigger consultation_responses.consultation_responses_frozen
CREATE TRIGGER consultation_responses_frozen BEFORE DELETE OR UPDATE ON consultation_responses FOR EACH ROW EXECUTE FUNCTION consultation_responses_frozen();

-- trigger consultations.consultations_work_id_in_unit
CREATE TRIGGER consultations_work_id_in_unit BEFORE INSERT OR UPDATE OF work_id, unit_id ON consultations FOR EACH ROW WHEN ((new.work_id IS NOT NULL)) EXECUTE FUNCTION consultations_work_id_in_unit();

-- trigger contributions.contributions_campaign_id_in_unit
CREATE TRIGGER contributions_campaign_id_in_unit BEFORE INSERT OR UPDATE OF campaign_id, unit_id ON contributions FOR EACH ROW WHEN ((new.campaign_id IS NOT NULL)) EXECUTE FUNCTION contributions_campaign_id_in_unit();

-- trigger contributions.contributions_household_id_in_unit
CREATE TRIGGER contributions_household_id_in_unit BEFORE INSERT OR UPDATE OF household_id, unit_id ON contributions FOR EACH ROW WHEN ((new.household_id IS NOT NULL)) EXECUTE FUNCTION contributions_household_id_in_unit();

-- trigger decision_ballots.decision_ballots_append_only
CREATE TRIGGER decision_ballots_append_only BEFORE DELETE OR UPDATE ON decision_ballots FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- trigger decision_ballots.decision_ballots_no_truncate
CREATE TRIGGER decision_ballots_no_truncate BEFORE TRUNCATE ON decision_ballots FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- trigger decision_ballots.decision_ballots_open
CREATE TRIGGER decision_ballots_open BEFORE INSERT ON decision_ballots FOR EACH ROW EXECUTE FUNCTION decision_ballots_open();

-- trigger decision_transitions.decision_transitions_append_only
CREATE TRIGGER decision_transitions_append_only BEFORE DELETE OR UPDATE ON decision_transitions FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- trigger decision_transitions.decision_transitions_no_truncate
CREATE TRIGGER decision_transitions_no_truncate BEFORE TRUNCATE ON decision_transitions FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- trigger decisions.decisions_moves
CREATE TRIGGER decisions_moves BEFORE UPDATE ON decisions FOR EACH ROW EXECUTE FUNCTION decisions_moves();

-- trigger entries.entries_append_only
CREATE TRIGGER entries_append_only BEFORE DELETE OR UPDATE ON entries FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- trigger entries.entries_balanced
CREATE TRIGGER entries_balanced AFTER INSERT ON entries REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION entries_balanced();

-- trigger entries.entries_campaign_id_in_unit
CREATE TRIGGER entries_campaign_id_in_unit BEFORE INSERT OR UPDATE OF campaign_id, unit_id ON entries FOR EACH ROW WHEN ((new.campaign_id IS NOT NULL)) EXECUTE FUNCTION entries_campaign_id_in_unit();

-- trigger entries.entries_campaign_totals
CREATE TRIGGER entries_campaign_totals AFTER INSERT ON entries REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION campaign_totals_statement();

-- trigger entries.entries_chain
CREATE TRIGGER entries_chain AFTER INSERT ON entries REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION entries_chain();

-- trigger entries.entries_household_id_in_unit
CREATE TRIGGER entries_household_id_in_unit BEFORE INSERT OR UPDATE OF household_id, unit_id ON entries FOR EACH ROW WHEN ((new.household_id IS NOT NULL)) EXECUTE FUNCTION entries_household_id_in_unit();

-- trigger entries.entries_no_truncate
CREATE TRIGGER entries_no_truncate BEFORE TRUNCATE ON entries FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- trigger entries.entries_period_open
CREATE TRIGGER entries_period_open AFTER INSERT ON entries REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION entries_period_open();

-- trigger entries.entries_postings_match
CREATE TRIGGER entries_postings_match AFTER INSERT ON entries REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION entries_postings_match();

-- trigger entries.entries_reversal_of_entry
CREATE TRIGGER entries_reversal_of_entry AFTER INSERT ON entries REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION entries_reversal_of_entry();

-- trigger entries.entries_vouchers
CREATE TRIGGER entries_vouchers AFTER INSERT ON entries REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION entries_vouchers();

-- trigger entries.entries_work_id_in_unit
CREATE TRIGGER entries_work_id_in_unit BEFORE INSERT OR UPDATE OF work_id, unit_id ON entries FOR EACH ROW WHEN ((new.work_id IS NOT NULL)) EXECUTE FUNCTION entries_work_id_in_unit();

-- trigger entries.payments_approved
CREATE TRIGGER payments_approved AFTER INSERT ON entries REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION payments_approved();

-- trigger exemptions.exemptions_campaign_id_in_unit
CREATE TRIGGER exemptions_campaign_id_in_unit BEFORE INSERT OR UPDATE OF campaign_id, unit_id ON exemptions FOR EACH ROW WHEN ((new.campaign_id IS NOT NULL)) EXECUTE FUNCTION exemptions_campaign_id_in_unit();

-- trigger exemptions.exemptions_household_id_in_unit
CREATE TRIGGER exemptions_household_id_in_unit BEFORE INSERT OR UPDATE OF household_id, unit_id ON exemptions FOR EACH ROW WHEN ((new.household_id IS NOT NULL)) EXECUTE FUNCTION exemptions_household_id_in_unit();

-- trigger expenses.expenses_work_id_in_unit
CREATE TRIGGER expenses_work_id_in_unit BEFORE INSERT OR UPDATE OF work_id, unit_id ON expenses FOR EACH ROW WHEN ((new.work_id IS NOT NULL)) EXECUTE FUNCTION expenses_work_id_in_unit();

-- trigger feedback.feedback_work_id_in_unit
CREATE TRIGGER feedback_work_id_in_unit BEFORE INSERT OR UPDATE OF work_id, unit_id ON feedback FOR EACH ROW WHEN ((new.work_id IS NOT NULL)) EXECUTE FUNCTION feedback_work_id_in_unit();

-- trigger finding_transitions.finding_transitions_append_only
CREATE TRIGGER finding_transitions_append_only BEFORE DELETE OR UPDATE ON finding_transitions FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- trigger finding_transitions.finding_transitions_no_truncate
CREATE TRIGGER finding_transitions_no_truncate BEFORE TRUNCATE ON finding_transitions FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- trigger findings.findings_board_oversees
CREATE TRIGGER findings_board_oversees BEFORE INSERT OR UPDATE OF board_id, unit_id ON findings FOR EACH ROW EXECUTE FUNCTION findings_board_oversees();

-- trigger findings.findings_work_id_in_unit
CREATE TRIGGER findings_work_id_in_unit BEFORE INSERT OR UPDATE OF work_id, unit_id ON findings FOR EACH ROW WHEN ((new.work_id IS NOT NULL)) EXECUTE FUNCTION findings_work_id_in_unit();

-- trigger grants.grants_sessions_changed
CREATE TRIGGER grants_sessions_changed AFTER INSERT OR DELETE OR UPDATE ON grants FOR EACH STATEMENT EXECUTE FUNCTION sessions_changed();

-- trigger household_activity.household_activity_append_only
CREATE TRIGGER household_activity_append_only BEFORE DELETE OR UPDATE ON household_activity FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- trigger household_activity.household_activity_no_truncate
CREATE TRIGGER household_activity_no_truncate BEFORE TRUNCATE ON household_activity FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- trigger inspection_addenda.inspection_addenda_append_only
CREATE TRIGGER inspection_addenda_append_only BEFORE DELETE OR UPDATE ON inspection_addenda FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- trigger inspection_addenda.inspection_addenda_no_truncate
CREATE TRIGGER inspection_addenda_no_truncate BEFORE TRUNCATE ON inspection_addenda FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- trigger inspections.inspections_board_oversees
CREATE TRIGGER inspections_board_oversees BEFORE INSERT OR UPDATE OF board_id, unit_id ON inspections FOR EACH ROW EXECUTE FUNCTION inspections_board_oversees();

-- trigger inspections.inspections_work_id_in_unit
CREATE TRIGGER inspections_work_id_in_unit BEFORE INSERT OR UPDATE OF work_id, unit_id ON inspections FOR EACH ROW WHEN ((new.work_id IS NOT NULL)) EXECUTE FUNCTION inspections_work_id_in_unit();

-- trigger ledger_heads.ledger_heads_guard
CREATE TRIGGER ledger_heads_guard BEFORE INSERT OR DELETE OR UPDATE ON ledger_heads FOR EACH ROW EXECUTE FUNCTION heads_guard();

-- trigger ledger_heads.ledger_heads_no_truncate
CREATE TRIGGER ledger_heads_no_truncate BEFORE TRUNCATE ON ledger_heads FOR EACH STATEMENT EXECUTE FUNCTION heads_guard();

-- trigger opinions.opinions_append_only
CREATE TRIGGER opinions_append_only BEFORE DELETE OR UPDATE ON opinions FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- trigger opinions.opinions_no_truncate
CREATE TRIGGER opinions_no_truncate BEFORE TRUNCATE ON opinions FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- trigger postings.postings_account_active
CREATE TRIGGER postings_account_active AFTER INSERT ON postings REFERENCING NEW TABLE AS new_postings FOR EACH STATEMENT EXECUTE FUNCTION postings_account_active();

-- trigger postings.postings_account_of_unit
CREATE TRIGGER postings_account_of_unit AFTER INSERT ON postings REFERENCING NEW TABLE AS new_postings FOR EACH STATEMENT EXECUTE FUNCTION postings_account_of_unit();

-- trigger postings.postings_append_only
CREATE TRIGGER postings_append_only BEFORE DELETE OR UPDATE ON postings FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- trigger postings.postings_days
CREATE TRIGGER postings_days AFTER INSERT ON postings REFERENCING NEW TABLE AS new_postings FOR EACH STATEMENT EXECUTE FUNCTION postings_days_statement();

-- trigger postings.postings_entry_open
CREATE TRIGGER postings_entry_open AFTER INSERT ON postings REFERENCING NEW TABLE AS new_postings FOR EACH STATEMENT EXECUTE FUNCTION postings_entry_open();

-- trigger postings.postings_no_truncate
CREATE TRIGGER postings_no_truncate BEFORE TRUNCATE ON postings FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- trigger publication_opinions.publication_opinions_board_oversees
CREATE TRIGGER publication_opinions_board_oversees BEFORE INSERT OR UPDATE OF board_id, unit_id ON publication_opinions FOR EACH ROW EXECUTE FUNCTION publication_opinions_board_oversees();

-- trigger publication_postings.publication_postings_photo_attachment_id_in_unit
CREATE TRIGGER publication_postings_photo_attachment_id_in_unit BEFORE INSERT OR UPDATE OF photo_attachment_id, unit_id ON publication_postings FOR EACH ROW WHEN ((new.photo_attachment_id IS NOT NULL)) EXECUTE FUNCTION publication_postings_photo_attachment_id_in_unit();

-- trigger publications.publications_supersedes_id_in_unit
CREATE TRIGGER publications_supersedes_id_in_unit BEFORE INSERT OR UPDATE OF supersedes_id, unit_id ON publications FOR EACH ROW WHEN ((new.supersedes_id IS NOT NULL)) EXECUTE FUNCTION publications_supersedes_id_in_unit();

-- trigger sessions.sessions_sessions_changed
CREATE TRIGGER sessions_sessions_changed AFTER DELETE OR UPDATE ON sessions FOR EACH STATEMENT EXECUTE FUNCTION sessions_changed();

-- trigger units.units_sessions_changed
CREATE TRIGGER units_sessions_changed AFTER DELETE OR UPDATE ON units FOR EACH STATEMENT EXECUTE FUNCTION sessions_changed();

-- trigger users.users_sessions_changed
CREATE TRIGGER users_sessions_changed AFTER DELETE OR UPDATE ON users FOR EACH STATEMENT EXECUTE FUNCTION sessions_changed();

-- trigger voucher_heads.voucher_heads_guard
CREATE TRIGGER voucher_heads_guard BEFORE INSERT OR DELETE OR UPDATE ON voucher_heads FOR EACH ROW EXECUTE FUNCTION heads_guard();

-- trigger voucher_heads.voucher_heads_no_truncate
CREATE TRIGGER voucher_heads_no_truncate BEFORE TRUNCATE ON voucher_heads FOR EACH STATEMENT EXECUTE FUNCTION heads_guard();

-- trigger work_lines.work_lines_campaign_id_in_unit
CREATE TRIGGER work_lines_campaign_id_in_unit BEFORE INSERT OR UPDATE OF campaign_id, unit_id ON work_lines FOR EACH ROW WHEN ((new.campaign_id IS NOT NULL)) EXECUTE FUNCTION work_lines_campaign_id_in_unit();

-- trigger work_lines.work_lines_campaign_own_unit
CREATE TRIGGER work_lines_campaign_own_unit BEFORE INSERT OR UPDATE OF campaign_id, unit_id ON work_lines FOR EACH ROW WHEN ((new.campaign_id IS NOT NULL)) EXECUTE FUNCTION work_lines_campaign_own_unit();

-- trigger work_progress.work_progress_append_only
CREATE TRIGGER work_progress_append_only BEFORE DELETE OR UPDATE ON work_progress FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- trigger work_progress.work_progress_no_truncate
CREATE TRIGGER work_progress_no_truncate BEFORE TRUNCATE ON work_progress FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- trigger work_transitions.work_transitions_append_only
CREATE TRIGGER work_transitions_append_only BEFORE DELETE OR UPDATE ON work_transitions FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- trigger work_transitions.work_transitions_no_truncate
CREATE TRIGGER work_transitions_no_truncate BEFORE TRUNCATE ON work_transitions FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- trigger year_closings.year_closings_append_only
CREATE TRIGGER year_closings_append_only BEFORE DELETE OR UPDATE ON year_closings FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- trigger year_closings.year_closings_no_truncate
CREATE TRIGGER year_closings_no_truncate BEFORE TRUNCATE ON year_closings FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
