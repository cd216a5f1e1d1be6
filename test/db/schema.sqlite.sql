-- The schema a fresh migration leaves on SQLite, sorted; written by `npm run schema:dump`.
-- test/db/schema.test.ts fails when it differs from the live schema: a schema change shows in review.

-- index account_days_unit_id_entry_date_index
CREATE INDEX `account_days_unit_id_entry_date_index` on `account_days` (`unit_id`, `entry_date`);

-- index accounts_unit_id_code_unique
CREATE UNIQUE INDEX `accounts_unit_id_code_unique` on `accounts` (`unit_id`, `code`);

-- index attachment_links_attachment_id_index
CREATE INDEX `attachment_links_attachment_id_index` on `attachment_links` (`attachment_id`);

-- index attachment_links_kind_ref_id_index
CREATE INDEX `attachment_links_kind_ref_id_index` on `attachment_links` (`kind`, `ref_id`);

-- index attachments_unit_id_index
CREATE INDEX `attachments_unit_id_index` on `attachments` (`unit_id`);

-- index audit_events_at_index
CREATE INDEX `audit_events_at_index` on `audit_events` (`at`);

-- index audit_events_unit_id_id_index
CREATE INDEX `audit_events_unit_id_id_index` on `audit_events` (`unit_id`, `id`);

-- index board_works_work_id_index
CREATE INDEX `board_works_work_id_index` on `board_works` (`work_id`);

-- index calendar_days_unit_id_day_unique
CREATE UNIQUE INDEX `calendar_days_unit_id_day_unique` on `calendar_days` (`unit_id`, `day`);

-- index cash_counts_unit_id_index
CREATE INDEX `cash_counts_unit_id_index` on `cash_counts` (`unit_id`);

-- index closings_unit_id_through_index
CREATE INDEX `closings_unit_id_through_index` on `closings` (`unit_id`, `through`);

-- index consultation_response_items_response_id_position_unique
CREATE UNIQUE INDEX `consultation_response_items_response_id_position_unique` on `consultation_response_items` (`response_id`, `position`);

-- index consultation_responses_consultation_id_unique
CREATE UNIQUE INDEX `consultation_responses_consultation_id_unique` on `consultation_responses` (`consultation_id`);

-- index consultations_work_id_index
CREATE INDEX `consultations_work_id_index` on `consultations` (`work_id`);

-- index contributions_campaign_id_household_id_index
CREATE INDEX `contributions_campaign_id_household_id_index` on `contributions` (`campaign_id`, `household_id`);

-- index contributions_campaign_kind
CREATE INDEX `contributions_campaign_kind` on `contributions` (`campaign_id`, `kind`);

-- index contributions_household_id_index
CREATE INDEX `contributions_household_id_index` on `contributions` (`household_id`);

-- index contributions_import
CREATE INDEX `contributions_import` on `contributions` (`import_id`);

-- index contributions_unit_kind
CREATE INDEX `contributions_unit_kind` on `contributions` (`unit_id`, `kind`);

-- index decision_ballots_decision_id_household_id_unique
CREATE UNIQUE INDEX `decision_ballots_decision_id_household_id_unique` on `decision_ballots` (`decision_id`, `household_id`);

-- index decision_transitions_decision_id_id_index
CREATE INDEX `decision_transitions_decision_id_id_index` on `decision_transitions` (`decision_id`, `id`);

-- index decisions_unit_id_held_on_index
CREATE INDEX `decisions_unit_id_held_on_index` on `decisions` (`unit_id`, `held_on`);

-- index entries_campaign
CREATE INDEX `entries_campaign` on `entries` (`unit_id`, `campaign_id`, `household_id`);

-- index entries_household
CREATE INDEX `entries_household` on `entries` (`household_id`);

-- index entries_journal
CREATE INDEX `entries_journal` on `entries` (`unit_id`, `entry_date`, `seq`);

-- index entries_reverses_id_unique
CREATE UNIQUE INDEX `entries_reverses_id_unique` on `entries` (`reverses_id`);

-- index entries_unit_id_seq_unique
CREATE UNIQUE INDEX `entries_unit_id_seq_unique` on `entries` (`unit_id`, `seq`);

-- index entries_unit_id_voucher_series_voucher_year_voucher_number_unique
CREATE UNIQUE INDEX `entries_unit_id_voucher_series_voucher_year_voucher_number_unique` on `entries` (`unit_id`, `voucher_series`, `voucher_year`, `voucher_number`);

-- index exemptions_campaign_id_household_id_unique
CREATE UNIQUE INDEX `exemptions_campaign_id_household_id_unique` on `exemptions` (`campaign_id`, `household_id`);

-- index expenses_public_page
CREATE INDEX `expenses_public_page` on `expenses` (`work_id`, `status`, `entry_date`, `id`);

-- index expenses_work_id_status_index
CREATE INDEX `expenses_work_id_status_index` on `expenses` (`work_id`, `status`);

-- index failed_attempts_kind_subject_failed_at_index
CREATE INDEX `failed_attempts_kind_subject_failed_at_index` on `failed_attempts` (`kind`, `subject`, `failed_at`);

-- index feedback_photos_feedback_id_index
CREATE INDEX `feedback_photos_feedback_id_index` on `feedback_photos` (`feedback_id`);

-- index feedback_photos_work_id_index
CREATE INDEX `feedback_photos_work_id_index` on `feedback_photos` (`work_id`);

-- index feedback_work_id_index
CREATE INDEX `feedback_work_id_index` on `feedback` (`work_id`);

-- index finding_transitions_finding_id_index
CREATE INDEX `finding_transitions_finding_id_index` on `finding_transitions` (`finding_id`);

-- index findings_inspection_id_index
CREATE INDEX `findings_inspection_id_index` on `findings` (`inspection_id`);

-- index findings_unit_id_status_index
CREATE INDEX `findings_unit_id_status_index` on `findings` (`unit_id`, `status`);

-- index findings_work_id_index
CREATE INDEX `findings_work_id_index` on `findings` (`work_id`);

-- index grants_one_chair_per_board
CREATE UNIQUE INDEX grants_one_chair_per_board ON grants (board_id) WHERE board_role = 'chair';

-- index grants_user_id_index
CREATE INDEX `grants_user_id_index` on `grants` (`user_id`);

-- index household_activity_household_id_changed_at_index
CREATE INDEX `household_activity_household_id_changed_at_index` on `household_activity` (`household_id`, `changed_at`);

-- index households_unit_id_code_unique
CREATE UNIQUE INDEX `households_unit_id_code_unique` on `households` (`unit_id`, `code`);

-- index imports_campaign_id_content_hash_index
CREATE INDEX `imports_campaign_id_content_hash_index` on `imports` (`campaign_id`, `content_hash`);

-- index imports_committed_once
CREATE UNIQUE INDEX imports_committed_once ON imports (campaign_id, content_hash) WHERE status = 'committed';

-- index inspection_addenda_inspection_id_index
CREATE INDEX `inspection_addenda_inspection_id_index` on `inspection_addenda` (`inspection_id`);

-- index inspections_board_id_index
CREATE INDEX `inspections_board_id_index` on `inspections` (`board_id`);

-- index inspections_work_id_index
CREATE INDEX `inspections_work_id_index` on `inspections` (`work_id`);

-- index opinions_consultation_id_household_id_id_index
CREATE INDEX `opinions_consultation_id_household_id_id_index` on `opinions` (`consultation_id`, `household_id`, `id`);

-- index outbox_event_id_subscription_id_unique
CREATE UNIQUE INDEX `outbox_event_id_subscription_id_unique` on `outbox` (`event_id`, `subscription_id`);

-- index outbox_events_fanned_at_id_index
CREATE INDEX `outbox_events_fanned_at_id_index` on `outbox_events` (`fanned_at`, `id`);

-- index outbox_events_kind_ref_id_index
CREATE INDEX `outbox_events_kind_ref_id_index` on `outbox_events` (`kind`, `ref_id`);

-- index outbox_status_next_at_index
CREATE INDEX `outbox_status_next_at_index` on `outbox` (`status`, `next_at`);

-- index outbox_unit_id_status_index
CREATE INDEX `outbox_unit_id_status_index` on `outbox` (`unit_id`, `status`);

-- index postings_account_date
CREATE INDEX postings_account_date ON postings (account_id, entry_date, seq, id);

-- index postings_entry
CREATE INDEX postings_entry ON postings (entry_id);

-- index publication_opinions_publication_id_index
CREATE INDEX `publication_opinions_publication_id_index` on `publication_opinions` (`publication_id`);

-- index publication_postings_publication_id_index
CREATE INDEX `publication_postings_publication_id_index` on `publication_postings` (`publication_id`);

-- index publications_code_unique
CREATE UNIQUE INDEX `publications_code_unique` on `publications` (`code`);

-- index publications_unit_id_status_id_index
CREATE INDEX `publications_unit_id_status_id_index` on `publications` (`unit_id`, `status`, `id`);

-- index reductions_campaign_id_household_id_unique
CREATE UNIQUE INDEX `reductions_campaign_id_household_id_unique` on `reductions` (`campaign_id`, `household_id`);

-- index sessions_token_hash_unique
CREATE UNIQUE INDEX `sessions_token_hash_unique` on `sessions` (`token_hash`);

-- index sessions_user_id_index
CREATE INDEX `sessions_user_id_index` on `sessions` (`user_id`);

-- index subscriptions_household_id_status_index
CREATE INDEX `subscriptions_household_id_status_index` on `subscriptions` (`household_id`, `status`);

-- index subscriptions_unit_id_status_index
CREATE INDEX `subscriptions_unit_id_status_index` on `subscriptions` (`unit_id`, `status`);

-- index units_code_unique
CREATE UNIQUE INDEX `units_code_unique` on `units` (`code`);

-- index units_parent_id_index
CREATE INDEX `units_parent_id_index` on `units` (`parent_id`);

-- index users_username_unique
CREATE UNIQUE INDEX `users_username_unique` on `users` (`username`);

-- index work_holds_finding_id_unique
CREATE UNIQUE INDEX `work_holds_finding_id_unique` on `work_holds` (`finding_id`);

-- index work_holds_work_id_index
CREATE INDEX `work_holds_work_id_index` on `work_holds` (`work_id`);

-- index work_lines_work_id_index
CREATE INDEX `work_lines_work_id_index` on `work_lines` (`work_id`);

-- index work_progress_work_id_index
CREATE INDEX `work_progress_work_id_index` on `work_progress` (`work_id`);

-- index work_transitions_work_id_index
CREATE INDEX `work_transitions_work_id_index` on `work_transitions` (`work_id`);

-- index works_unit_id_number_unique
CREATE UNIQUE INDEX `works_unit_id_number_unique` on `works` (`unit_id`, `number`);

-- index year_closings_unit_id_year_unique
CREATE UNIQUE INDEX `year_closings_unit_id_year_unique` on `year_closings` (`unit_id`, `year`);

-- table account_days
CREATE TABLE `account_days` (`account_id` integer not null, `entry_date` varchar(10) not null, `unit_id` integer not null, `debit` bigint not null default '0', `credit` bigint not null default '0', `postings` integer not null default '0', foreign key(`account_id`) references `accounts`(`id`), primary key (`account_id`, `entry_date`));

-- table account_templates
CREATE TABLE `account_templates` (`template` varchar(32) not null, `code` varchar(16) not null, `name` varchar(200) not null, `type` varchar(16) not null, `no_overdraft` boolean not null default '0', primary key (`template`, `code`));

-- table accounts
CREATE TABLE `accounts` (`id` integer not null primary key autoincrement, `unit_id` integer not null, `code` varchar(16) not null, `name` varchar(200) not null, `type` varchar(16) not null, `parent_code` varchar(16), `no_overdraft` boolean not null default '0', `is_active` boolean not null default '1', `created_at` varchar(30) not null, foreign key(`unit_id`) references `units`(`id`));

-- table attachment_links
CREATE TABLE `attachment_links` (`id` integer not null primary key autoincrement, `attachment_id` integer not null, `unit_id` integer not null, `kind` varchar(24) not null, `ref_id` integer not null, `is_public` boolean not null default '0', `created_at` varchar(30) not null, foreign key(`attachment_id`) references `attachments`(`id`), foreign key(`unit_id`) references `units`(`id`));

-- table attachment_scrubs
CREATE TABLE `attachment_scrubs` (`attachment_id` integer, `sha256` varchar(64), `size` integer, `scrubbed_at` varchar(30), foreign key(`attachment_id`) references `attachments`(`id`), primary key (`attachment_id`), constraint attachment_scrubs_filled_together check ((`sha256` IS NULL AND `size` IS NULL AND `scrubbed_at` IS NULL) OR (`sha256` IS NOT NULL AND `size` IS NOT NULL AND `scrubbed_at` IS NOT NULL)));

-- table attachments
CREATE TABLE `attachments` (`id` integer not null primary key autoincrement, `unit_id` integer not null, `sha256` varchar(64) not null, `mime` varchar(32) not null, `size` integer not null, `original_name` varchar(200), `uploaded_by` integer, `uploaded_by_name` varchar(200), `created_at` varchar(30) not null, foreign key(`unit_id`) references `units`(`id`));

-- table audit_events
CREATE TABLE `audit_events` (`id` integer not null primary key autoincrement, `at` varchar(30) not null, `actor_id` integer, `actor_name` varchar(200), `action` varchar(64) not null, `entity` varchar(64) not null, `entity_id` varchar(64), `unit_id` integer, `ip` varchar(64), `request_id` varchar(64), `details` text);

-- table board_units
CREATE TABLE `board_units` (`board_id` integer not null, `unit_id` integer not null, foreign key(`board_id`) references `boards`(`id`), foreign key(`unit_id`) references `units`(`id`), primary key (`board_id`, `unit_id`));

-- table board_works
CREATE TABLE `board_works` (`board_id` integer not null, `work_id` integer not null, `unit_id` integer not null, foreign key(`board_id`) references `boards`(`id`), foreign key(`work_id`) references `works`(`id`), foreign key(`unit_id`) references `units`(`id`), primary key (`board_id`, `work_id`));

-- table boards
CREATE TABLE `boards` (`id` integer not null primary key autoincrement, `unit_id` integer not null, `kind` varchar(16) not null, `name` varchar(200) not null, `term_start` varchar(10), `term_end` varchar(10), `created_at` varchar(30) not null, foreign key(`unit_id`) references `units`(`id`));

-- table calendar_days
CREATE TABLE `calendar_days` (`id` integer not null primary key autoincrement, `unit_id` integer not null, `day` varchar(10) not null, `name` varchar(200) not null, `kind` varchar(16) not null, `created_by` integer, `created_at` varchar(30) not null, foreign key(`unit_id`) references `units`(`id`));

-- table campaign_household_totals
CREATE TABLE `campaign_household_totals` (`campaign_id` integer not null, `household_id` integer not null, `unit_id` integer not null, `cash` bigint not null, `receivable` bigint not null, primary key (`campaign_id`, `household_id`));

-- table campaigns
CREATE TABLE `campaigns` (`id` integer not null primary key autoincrement, `unit_id` integer not null, `name` varchar(200) not null, `purpose` varchar(2000) not null, `fund_account` varchar(16), `work_id` integer, `decision_date` varchar(10) not null, `minutes_ref` varchar(200) not null, `households_total` integer not null, `households_present` integer not null, `households_agreeing` integer not null, `level_amount` bigint, `level_per` varchar(16), `exempt_categories` text not null, `in_kind_values` text not null, `start_date` varchar(10) not null, `end_date` varchar(10), `target` bigint, `revenue_account_id` integer not null, `in_kind_account_id` integer, `status` varchar(16) not null default 'open', `created_by` integer, `created_at` varchar(30) not null, decision_id integer REFERENCES decisions(id), foreign key(`unit_id`) references `units`(`id`), foreign key(`revenue_account_id`) references `accounts`(`id`), foreign key(`in_kind_account_id`) references `accounts`(`id`), constraint campaigns_two_thirds check (`households_agreeing` * 3 >= `households_total` * 2), constraint campaigns_counts check (`households_agreeing` <= `households_present` AND `households_present` <= `households_total` AND `households_agreeing` >= 0));

-- table cash_counts
CREATE TABLE `cash_counts` (`id` integer not null primary key autoincrement, `board_id` integer not null, `unit_id` integer not null, `counted_at` varchar(30) not null, `count_date` varchar(10) not null, `denominations` text not null, `counted` bigint not null, `ledger_balance` bigint not null, `difference` bigint not null, `counters` text not null, `created_by` integer, `created_at` varchar(30) not null, `chain_head` varchar(90), foreign key(`board_id`) references `boards`(`id`), foreign key(`unit_id`) references `units`(`id`));

-- table channel_tokens
CREATE TABLE `channel_tokens` (`channel` varchar(20), `refresh_token` text not null, `updated_at` varchar(30) not null, primary key (`channel`));

-- table chart_roles
CREATE TABLE chart_roles (
    code VARCHAR(16) NOT NULL,
    role VARCHAR(32) NOT NULL,
    PRIMARY KEY (code, role));

-- table closings
CREATE TABLE `closings` (`id` integer not null primary key autoincrement, `unit_id` integer not null, `through` varchar(10) not null, `chain_seq` bigint not null, `chain_hash` varchar(64) not null, `balances` text not null, `created_by` integer, `created_at` varchar(30) not null, foreign key(`unit_id`) references `units`(`id`));

-- table consultation_response_items
CREATE TABLE `consultation_response_items` (`id` integer not null primary key autoincrement, `response_id` integer not null, `unit_id` integer not null, `position` integer not null, `topic` varchar(500) not null, `taken_up` boolean not null, `reason` varchar(2000), foreign key(`response_id`) references `consultation_responses`(`id`), foreign key(`unit_id`) references `units`(`id`), constraint consultation_response_items_topic check (length(`topic`) > 0), constraint consultation_response_items_reason check (`taken_up` OR (`reason` IS NOT NULL AND length(`reason`) > 0)));

-- table consultation_responses
CREATE TABLE `consultation_responses` (`id` integer not null primary key autoincrement, `consultation_id` integer not null, `unit_id` integer not null, `work_id` integer not null, `summary` varchar(4000) not null, `created_by` integer, `created_at` varchar(30) not null, `updated_at` varchar(30) not null, `published_at` varchar(30), `published_by` integer, `published_by_name` varchar(200), foreign key(`consultation_id`) references `consultations`(`id`), foreign key(`unit_id`) references `units`(`id`), foreign key(`work_id`) references `works`(`id`), constraint consultation_responses_summary check (length(`summary`) > 0), constraint consultation_responses_published_by check ((`published_at` IS NULL) = (`published_by_name` IS NULL)));

-- table consultations
CREATE TABLE `consultations` (`id` integer not null primary key autoincrement, `unit_id` integer not null, `work_id` integer not null, `question` varchar(2000) not null, `opens_at` varchar(30) not null, `closes_at` varchar(30) not null, `created_by` integer, `created_at` varchar(30) not null, foreign key(`unit_id`) references `units`(`id`), foreign key(`work_id`) references `works`(`id`));

-- table contributions
CREATE TABLE `contributions` (`id` integer not null primary key autoincrement, `unit_id` integer not null, `campaign_id` integer not null, `household_id` integer not null, `kind` varchar(16) not null, `amount` bigint, `method` varchar(8), `payer` varchar(200), `note` varchar(2000), `entry_date` varchar(10) not null, `due_date` varchar(10), `entry_id` bigint, `in_kind_kind` varchar(16), `quantity` varchar(32), `quantity_unit` varchar(50), `import_id` integer, `created_by` integer, `created_at` varchar(30) not null, `chain_head` varchar(90), foreign key(`unit_id`) references `units`(`id`), foreign key(`campaign_id`) references `campaigns`(`id`), foreign key(`household_id`) references `households`(`id`), foreign key(`entry_id`) references `entries`(`id`));

-- table decision_ballots
CREATE TABLE `decision_ballots` (`id` integer not null primary key autoincrement, `decision_id` integer not null, `unit_id` integer not null, `household_id` integer not null, `choice` varchar(16) not null, `channel` varchar(16) not null, `entered_by` integer, `created_at` varchar(30) not null, foreign key(`decision_id`) references `decisions`(`id`), foreign key(`unit_id`) references `units`(`id`), foreign key(`household_id`) references `households`(`id`));

-- table decision_settings
CREATE TABLE `decision_settings` (`unit_id` integer, `work_investment_rule` varchar(16) not null default 'more_than_half', `submit_within_days` integer not null default '5', `updated_by` integer, `updated_at` varchar(30) not null, foreign key(`unit_id`) references `units`(`id`), primary key (`unit_id`), constraint decision_settings_days check (`submit_within_days` BETWEEN 1 AND 60));

-- table decision_transitions
CREATE TABLE `decision_transitions` (`id` integer not null primary key autoincrement, `decision_id` integer not null, `unit_id` integer not null, `from_status` varchar(16) not null, `to_status` varchar(16) not null, `reason` varchar(2000), `created_by` integer, `created_by_name` varchar(200), `created_at` varchar(30) not null, foreign key(`decision_id`) references `decisions`(`id`), foreign key(`unit_id`) references `units`(`id`));

-- table decisions
CREATE TABLE `decisions` (`id` integer not null primary key autoincrement, `unit_id` integer not null, `title` varchar(500) not null, `subject` varchar(32) not null, `method` varchar(32) not null, `held_on` varchar(10) not null, `minutes_attachment_id` integer, `households_total` integer not null, `threshold_rule` varchar(16) not null, `present` integer, `agree` integer, `disagree` integer, `abstain` integer, `status` varchar(16) not null default 'draft', `voted_on` varchar(10), `submit_by` varchar(10), `created_by` integer, `created_at` varchar(30) not null, `updated_at` varchar(30) not null, foreign key(`unit_id`) references `units`(`id`), foreign key(`minutes_attachment_id`) references `attachments`(`id`), constraint decisions_register check (`households_total` >= 1), constraint decisions_tally check (`present` IS NULL OR (`agree` >= 0 AND `disagree` >= 0 AND `abstain` >= 0 AND `agree` + `disagree` + `abstain` <= `present` AND `present` <= `households_total`)));

-- table entries
CREATE TABLE `entries` (`id` integer not null primary key autoincrement, `unit_id` integer not null, `seq` bigint not null, `voucher_series` varchar(2) not null, `voucher_year` integer not null, `voucher_number` integer not null, `voucher_no` varchar(20) not null, `entry_date` varchar(10) not null, `kind` varchar(16) not null, `description` varchar(2000) not null, `household_id` integer, `campaign_id` integer, `work_id` integer, `reverses_id` bigint, `created_by` integer, `created_by_name` varchar(200), `created_at` varchar(30) not null, `prev_hash` varchar(64) not null, `hash` varchar(64) not null, `hash_version` integer not null default '1', `payee` varchar(200), foreign key(`unit_id`) references `units`(`id`), foreign key(`reverses_id`) references `entries`(`id`));

-- table exemptions
CREATE TABLE `exemptions` (`id` integer not null primary key autoincrement, `unit_id` integer not null, `campaign_id` integer not null, `household_id` integer not null, `reason` varchar(2000) not null, `import_id` integer, `created_by` integer, `created_at` varchar(30) not null, foreign key(`unit_id`) references `units`(`id`), foreign key(`campaign_id`) references `campaigns`(`id`), foreign key(`household_id`) references `households`(`id`));

-- table expenses
CREATE TABLE `expenses` (`id` integer not null primary key autoincrement, `unit_id` integer not null, `work_id` integer not null, `kind` varchar(16) not null, `category` varchar(16), `amount` bigint not null, `entry_date` varchar(10) not null, `payee` varchar(200) not null, `description` varchar(2000) not null, `method` varchar(16) not null, `status` varchar(16) not null, `entry_id` bigint, `voucher_no` varchar(20), `drafted_by` integer, `drafted_by_name` varchar(200), `created_at` varchar(30) not null, `decided_by` integer, `decided_by_name` varchar(200), `decided_at` varchar(30), `reject_reason` varchar(2000), foreign key(`unit_id`) references `units`(`id`), foreign key(`work_id`) references `works`(`id`), foreign key(`entry_id`) references `entries`(`id`), constraint expenses_amount check (`amount` > 0));

-- table failed_attempts
CREATE TABLE `failed_attempts` (`id` integer not null primary key autoincrement, `kind` varchar(10) not null, `subject` varchar(200) not null, `unit_id` integer, `ip` varchar(64) not null, `failed_at` varchar(30) not null, foreign key(`unit_id`) references `units`(`id`), constraint failed_attempts_kind check (`kind` = 'pin' OR `kind` = 'password'));

-- table feedback
CREATE TABLE `feedback` (`id` integer not null primary key autoincrement, `unit_id` integer not null, `work_id` integer not null, `household_id` integer, `name` varchar(200), `contact` varchar(200), `text` varchar(4000) not null, `photos` text not null, `created_at` varchar(30) not null, `due_date` varchar(10) not null, `answer` varchar(4000), `answered_at` varchar(30), `answered_by` integer, `answered_by_name` varchar(200), `board_id` integer, `finding_id` integer, foreign key(`unit_id`) references `units`(`id`), foreign key(`work_id`) references `works`(`id`));

-- table feedback_photos
CREATE TABLE `feedback_photos` (`attachment_id` integer, `unit_id` integer not null, `work_id` integer not null, `feedback_id` integer, `created_at` varchar(30) not null, foreign key(`attachment_id`) references `attachments`(`id`), foreign key(`unit_id`) references `units`(`id`), foreign key(`work_id`) references `works`(`id`), foreign key(`feedback_id`) references `feedback`(`id`), primary key (`attachment_id`));

-- table finding_transitions
CREATE TABLE `finding_transitions` (`id` integer not null primary key autoincrement, `finding_id` integer not null, `unit_id` integer not null, `from_status` varchar(16) not null, `to_status` varchar(16) not null, `text` varchar(4000) not null, `escalated_to` varchar(16), `attachments` text not null, `author_id` integer, `author_name` varchar(200), `at` varchar(30) not null, foreign key(`finding_id`) references `findings`(`id`), foreign key(`unit_id`) references `units`(`id`));

-- table findings
CREATE TABLE `findings` (`id` integer not null primary key autoincrement, `board_id` integer not null, `unit_id` integer not null, `work_id` integer, `inspection_id` integer, `cash_count_id` integer, `feedback_id` integer, `category` varchar(100) not null, `severity` varchar(16) not null, `description` varchar(4000) not null, `recommendation` varchar(4000) not null, `addressed_to` varchar(200) not null, `due_date` varchar(10) not null, `evidence` text not null, `status` varchar(16) not null default 'open', `escalated_to` varchar(16), `created_by` integer, `created_at` varchar(30) not null, `updated_at` varchar(30) not null, names_public boolean NOT NULL DEFAULT false, foreign key(`board_id`) references `boards`(`id`), foreign key(`unit_id`) references `units`(`id`), foreign key(`work_id`) references `works`(`id`), foreign key(`inspection_id`) references `inspections`(`id`), foreign key(`cash_count_id`) references `cash_counts`(`id`), foreign key(`feedback_id`) references `feedback`(`id`));

-- table grants
CREATE TABLE `grants` (`id` integer not null primary key autoincrement, `user_id` integer not null, `role` varchar(16) not null, `unit_id` integer, `board_id` integer, `created_at` varchar(30) not null, `created_by` integer, board_role varchar(16) CHECK (board_role IN ('chair', 'vice_chair', 'member')), front_representative boolean NOT NULL DEFAULT false, foreign key(`user_id`) references `users`(`id`), foreign key(`unit_id`) references `units`(`id`), foreign key(`board_id`) references `boards`(`id`), foreign key(`created_by`) references `users`(`id`));

-- table household_activity
CREATE TABLE `household_activity` (`id` integer not null primary key autoincrement, `household_id` integer not null, `is_active` boolean not null, `changed_at` varchar(30) not null, foreign key(`household_id`) references `households`(`id`));

-- table household_moves
CREATE TABLE `household_moves` (`id` integer not null primary key autoincrement, `household_id` integer not null, `unit_id` integer not null, `to_unit_id` integer not null, `from_code` varchar(32) not null, `to_code` varchar(32) not null, `moved_at` varchar(30) not null, `created_by` integer, foreign key(`household_id`) references `households`(`id`), foreign key(`unit_id`) references `units`(`id`), foreign key(`to_unit_id`) references `units`(`id`));

-- table households
CREATE TABLE `households` (`id` integer not null primary key autoincrement, `unit_id` integer not null, `code` varchar(32) not null, `head_name` varchar(200) not null, `search_text` varchar(300) not null, `address` varchar(500), `members` integer, `category` varchar(16) not null default 'normal', `phone` varchar(20), `pin_hash` varchar(200), `pin_set_at` varchar(30), `is_active` boolean not null default '1', `created_at` varchar(30) not null, pin_locked_at varchar(30), foreign key(`unit_id`) references `units`(`id`));

-- table idempotency_keys
CREATE TABLE `idempotency_keys` (`unit_id` integer not null, `key` varchar(200) not null, `request_hash` varchar(64) not null, `status` integer not null, `response` text not null, `user_id` integer, `created_at` varchar(30) not null, primary key (`unit_id`, `key`));

-- table imports
CREATE TABLE `imports` (`id` integer not null primary key autoincrement, `unit_id` integer not null, `campaign_id` integer not null, `content_hash` varchar(64) not null, `file_type` varchar(8) not null, `file_name` varchar(200), `preview` text not null, `status` varchar(16) not null default 'preview', `duplicate_of` integer, `recorded` text, `created_by` integer, `created_at` varchar(30) not null, `committed_at` varchar(30), foreign key(`unit_id`) references `units`(`id`), foreign key(`campaign_id`) references `campaigns`(`id`));

-- table inspection_addenda
CREATE TABLE `inspection_addenda` (`id` integer not null primary key autoincrement, `inspection_id` integer not null, `unit_id` integer not null, `text` varchar(4000) not null, `attachments` text not null, `created_by` integer, `created_by_name` varchar(200), `created_at` varchar(30) not null, foreign key(`inspection_id`) references `inspections`(`id`), foreign key(`unit_id`) references `units`(`id`));

-- table inspections
CREATE TABLE `inspections` (`id` integer not null primary key autoincrement, `board_id` integer not null, `unit_id` integer not null, `work_id` integer, `inspection_date` varchar(10) not null, `members_present` text not null, `checklist` text not null, `status` varchar(16) not null default 'draft', `created_by` integer, `created_at` varchar(30) not null, `updated_at` varchar(30) not null, `filed_at` varchar(30), `published_at` varchar(30), `chain_head` varchar(90), foreign key(`board_id`) references `boards`(`id`), foreign key(`unit_id`) references `units`(`id`), foreign key(`work_id`) references `works`(`id`));

-- table opinions
CREATE TABLE `opinions` (`id` integer not null primary key autoincrement, `consultation_id` integer not null, `unit_id` integer not null, `household_id` integer not null, `choice` varchar(16) not null, `comment` varchar(2000), `created_at` varchar(30) not null, foreign key(`consultation_id`) references `consultations`(`id`), foreign key(`unit_id`) references `units`(`id`));

-- table outbox
CREATE TABLE `outbox` (`id` integer not null primary key autoincrement, `event_id` integer not null, `unit_id` integer not null, `subscription_id` integer not null, `household_id` integer not null, `channel` varchar(8) not null, `status` varchar(16) not null default 'pending', `tries` integer not null default '0', `next_at` varchar(30) not null, `claimed_until` varchar(30), `last_error` varchar(500), `reason` varchar(200), `created_at` varchar(30) not null, `sent_at` varchar(30), foreign key(`event_id`) references `outbox_events`(`id`), foreign key(`unit_id`) references `units`(`id`), foreign key(`subscription_id`) references `subscriptions`(`id`), foreign key(`household_id`) references `households`(`id`), constraint outbox_tries check (`tries` >= 0));

-- table outbox_events
CREATE TABLE `outbox_events` (`id` integer not null primary key autoincrement, `unit_id` integer not null, `kind` varchar(32) not null, `ref_id` integer not null, `payload` text not null, `created_at` varchar(30) not null, `fanned_at` varchar(30), `claimed_until` varchar(30), foreign key(`unit_id`) references `units`(`id`));

-- table postings
CREATE TABLE postings (
      id INTEGER PRIMARY KEY,
      entry_id BIGINT NOT NULL REFERENCES entries(id) DEFERRABLE INITIALLY DEFERRED,
      unit_id INTEGER NOT NULL REFERENCES units(id),
      account_id INTEGER NOT NULL REFERENCES accounts(id),
      amount BIGINT NOT NULL CHECK (amount <> 0),
      memo VARCHAR(500),
      entry_date VARCHAR(10) NOT NULL,
      seq BIGINT NOT NULL);

-- table publication_opinions
CREATE TABLE `publication_opinions` (`id` integer not null primary key autoincrement, `unit_id` integer not null, `publication_id` integer not null, `board_id` integer not null, `board_name` varchar(200) not null, `stance` varchar(16) not null, `text` varchar(2000) not null, `by_user` integer, `by_name` varchar(200), `created_at` varchar(30) not null, foreign key(`unit_id`) references `units`(`id`), foreign key(`publication_id`) references `publications`(`id`));

-- table publication_postings
CREATE TABLE `publication_postings` (`id` integer not null primary key autoincrement, `unit_id` integer not null, `publication_id` integer not null, `place` varchar(32) not null, `posted_at` varchar(30) not null, `photo_attachment_id` integer, `posted_by` varchar(200) not null, `taken_down_at` varchar(30), `recorded_by` integer, `created_at` varchar(30) not null, foreign key(`unit_id`) references `units`(`id`), foreign key(`publication_id`) references `publications`(`id`));

-- table publication_settings
CREATE TABLE `publication_settings` (`unit_id` integer, `min_posting_days` integer not null, foreign key(`unit_id`) references `units`(`id`), primary key (`unit_id`));

-- table publications
CREATE TABLE `publications` (`id` integer not null primary key autoincrement, `unit_id` integer not null, `kind` varchar(32) not null, `params` text not null, `places` text not null, `posted_from` varchar(10) not null, `posted_until` varchar(10) not null, `status` varchar(16) not null default 'draft', `supersedes_id` integer, `superseded_by_id` integer, `drafted_by` integer, `drafted_by_name` varchar(200), `drafted_at` varchar(30) not null, `approved_by` integer, `approved_by_name` varchar(200), `published_at` varchar(30), `code` varchar(16), `data_hash` varchar(64), `chain_seq` bigint, `chain_hash` varchar(64), `period_from` varchar(10), `period_to` varchar(10), `pdf_file` varchar(300), `pdf_sha256` varchar(64), `xlsx_file` varchar(300), `xlsx_sha256` varchar(64), `subject` varchar(500), `announcement` text, hash_version integer NOT NULL DEFAULT 1, figures text, foreign key(`unit_id`) references `units`(`id`), foreign key(`supersedes_id`) references `publications`(`id`), foreign key(`superseded_by_id`) references `publications`(`id`));

-- table reductions
CREATE TABLE `reductions` (`id` integer not null primary key autoincrement, `unit_id` integer not null, `campaign_id` integer not null, `household_id` integer not null, `suggested_amount` bigint not null, `reason` varchar(2000) not null, `created_by` integer, `created_at` varchar(30) not null, foreign key(`unit_id`) references `units`(`id`), foreign key(`campaign_id`) references `campaigns`(`id`), foreign key(`household_id`) references `households`(`id`), constraint reductions_amount check (`suggested_amount` >= 0));

-- table sessions
CREATE TABLE `sessions` (`id` integer not null primary key autoincrement, `token_hash` varchar(64) not null, `user_id` integer not null, `created_at` varchar(30) not null, `expires_at` varchar(30) not null, `revoked_at` varchar(30), `ip` varchar(64), foreign key(`user_id`) references `users`(`id`));

-- table subscriptions
CREATE TABLE `subscriptions` (`id` integer not null primary key autoincrement, `unit_id` integer not null, `household_id` integer not null, `channel` varchar(8) not null, `address` varchar(200) not null, `topics` varchar(200) not null, `status` varchar(16) not null default 'pending', `code_hash` varchar(200), `code_expires_at` varchar(30), `code_tries` integer not null default '0', `purpose` varchar(500) not null, `consented_at` varchar(30), `withdrawn_at` varchar(30), `withdrawn_how` varchar(16), `token` varchar(64) not null, `created_at` varchar(30) not null, foreign key(`unit_id`) references `units`(`id`), foreign key(`household_id`) references `households`(`id`), constraint subscriptions_code_tries check (`code_tries` >= 0));

-- table units
CREATE TABLE `units` (`id` integer not null primary key autoincrement, `code` varchar(32) not null, `name` varchar(200) not null, `kind` varchar(16) not null, `parent_id` integer, `path` varchar(400) not null, `is_active` boolean not null default '1', `succeeded_by_id` integer, `approval_threshold` bigint not null default '5000000', `created_at` varchar(30) not null, feedback_answer_days integer NOT NULL DEFAULT 15 CHECK (feedback_answer_days BETWEEN 1 AND 365), cash_difference_minor bigint NOT NULL DEFAULT 10000 CHECK (cash_difference_minor >= 0), cash_difference_critical bigint NOT NULL DEFAULT 1000000 CHECK (cash_difference_critical >= 0 AND cash_difference_minor <= cash_difference_critical), board_composition_required boolean NOT NULL DEFAULT false, foreign key(`parent_id`) references `units`(`id`), foreign key(`succeeded_by_id`) references `units`(`id`));

-- table users
CREATE TABLE `users` (`id` integer not null primary key autoincrement, `username` varchar(64) not null, `display_name` varchar(200) not null, `password_hash` varchar(200) not null, `phone` varchar(32), `is_active` boolean not null default '1', `unit_id` integer, `created_at` varchar(30) not null, `password_changed_at` varchar(30), locked_at varchar(30), foreign key(`unit_id`) references `units`(`id`));

-- table work_holds
CREATE TABLE `work_holds` (`id` integer not null primary key autoincrement, `work_id` integer not null, `unit_id` integer not null, `finding_id` integer not null, `placed_at` varchar(30) not null, `lifted_at` varchar(30), foreign key(`work_id`) references `works`(`id`), foreign key(`unit_id`) references `units`(`id`));

-- table work_lines
CREATE TABLE `work_lines` (`id` integer not null primary key autoincrement, `work_id` integer not null, `unit_id` integer not null, `kind` varchar(16) not null, `category` varchar(16) not null, `amount` bigint not null, `campaign_id` integer, foreign key(`work_id`) references `works`(`id`), foreign key(`unit_id`) references `units`(`id`));

-- table work_progress
CREATE TABLE `work_progress` (`id` integer not null primary key autoincrement, `work_id` integer not null, `unit_id` integer not null, `date` varchar(10) not null, `percent` integer not null, `note` varchar(2000), `created_by` integer, `created_at` varchar(30) not null, foreign key(`work_id`) references `works`(`id`), foreign key(`unit_id`) references `units`(`id`), constraint work_progress_percent check (`percent` >= 0 AND `percent` <= 100));

-- table work_transitions
CREATE TABLE `work_transitions` (`id` integer not null primary key autoincrement, `work_id` integer not null, `unit_id` integer not null, `from_status` varchar(16) not null, `to_status` varchar(16) not null, `date` varchar(10) not null, `note` varchar(2000), `decision` text, `created_by` integer, `created_by_name` varchar(200), `created_at` varchar(30) not null, foreign key(`work_id`) references `works`(`id`), foreign key(`unit_id`) references `units`(`id`));

-- table works
CREATE TABLE `works` (`id` integer not null primary key autoincrement, `unit_id` integer not null, `number` integer not null, `name` varchar(200) not null, `location` varchar(500) not null, `category` varchar(100) not null, `description` varchar(2000), `contractor` varchar(200), `planned_start` varchar(10) not null, `planned_end` varchar(10) not null, `actual_start` varchar(10), `actual_end` varchar(10), `status` varchar(16) not null default 'proposed', `progress` integer not null default '0', `accounts` text not null, `created_by` integer, `created_at` varchar(30) not null, `updated_at` varchar(30) not null, decision_id integer REFERENCES decisions(id), foreign key(`unit_id`) references `units`(`id`));

-- table year_closings
CREATE TABLE `year_closings` (`id` integer not null primary key autoincrement, `unit_id` integer not null, `year` integer not null, `entry_id` bigint, `closing_id` integer not null, `opening_balances` text not null, `created_by` integer, `created_at` varchar(30) not null, foreign key(`unit_id`) references `units`(`id`), foreign key(`entry_id`) references `entries`(`id`), foreign key(`closing_id`) references `closings`(`id`));

-- trigger accounts_no_delete
CREATE TRIGGER accounts_no_delete BEFORE DELETE ON accounts BEGIN SELECT RAISE(ABORT, 'append_only: accounts'); END;

-- trigger accounts_type_check_insert
CREATE TRIGGER accounts_type_check_insert BEFORE INSERT ON accounts WHEN NEW.type <> 'asset' AND NEW.type <> 'liability' AND NEW.type <> 'net_assets' AND NEW.type <> 'revenue' AND NEW.type <> 'expense' BEGIN SELECT RAISE(ABORT, 'invalid_type: accounts'); END;

-- trigger accounts_type_check_update
CREATE TRIGGER accounts_type_check_update BEFORE UPDATE ON accounts WHEN NEW.type <> 'asset' AND NEW.type <> 'liability' AND NEW.type <> 'net_assets' AND NEW.type <> 'revenue' AND NEW.type <> 'expense' BEGIN SELECT RAISE(ABORT, 'invalid_type: accounts'); END;

-- trigger attachment_links_no_delete
CREATE TRIGGER attachment_links_no_delete BEFORE DELETE ON attachment_links
      BEGIN SELECT RAISE(ABORT, 'append_only: attachment_links'); END;

-- trigger attachment_links_no_update
CREATE TRIGGER attachment_links_no_update BEFORE UPDATE ON attachment_links
      BEGIN SELECT RAISE(ABORT, 'append_only: attachment_links'); END;

-- trigger attachment_scrubs_no_delete
CREATE TRIGGER attachment_scrubs_no_delete BEFORE DELETE ON attachment_scrubs
      BEGIN SELECT RAISE(ABORT, 'append_only: attachment_scrubs'); END;

-- trigger attachment_scrubs_once
CREATE TRIGGER attachment_scrubs_once BEFORE UPDATE ON attachment_scrubs
      WHEN OLD.sha256 IS NOT NULL OR NEW.attachment_id <> OLD.attachment_id
      BEGIN SELECT RAISE(ABORT, 'append_only: attachment_scrubs'); END;

-- trigger attachments_no_delete
CREATE TRIGGER attachments_no_delete BEFORE DELETE ON attachments
      BEGIN SELECT RAISE(ABORT, 'append_only: attachments'); END;

-- trigger attachments_no_update
CREATE TRIGGER attachments_no_update BEFORE UPDATE ON attachments
      BEGIN SELECT RAISE(ABORT, 'append_only: attachments'); END;

-- trigger audit_events_no_delete
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
      BEGIN SELECT RAISE(ABORT, 'append_only: audit_events'); END;

-- trigger audit_events_no_update
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
      BEGIN SELECT RAISE(ABORT, 'append_only: audit_events'); END;

-- trigger boards_kind_check_insert
CREATE TRIGGER boards_kind_check_insert BEFORE INSERT ON boards WHEN NEW.kind <> 'gsdtcd' AND NEW.kind <> 'ttnd' BEGIN SELECT RAISE(ABORT, 'invalid_kind: boards'); END;

-- trigger boards_kind_check_update
CREATE TRIGGER boards_kind_check_update BEFORE UPDATE ON boards WHEN NEW.kind <> 'gsdtcd' AND NEW.kind <> 'ttnd' BEGIN SELECT RAISE(ABORT, 'invalid_kind: boards'); END;

-- trigger calendar_days_kind_check_insert
CREATE TRIGGER calendar_days_kind_check_insert BEFORE INSERT ON calendar_days
        WHEN NEW.kind NOT IN ('day_off','working_day') BEGIN SELECT RAISE(ABORT, 'invalid_kind: calendar_days'); END;

-- trigger calendar_days_kind_check_update
CREATE TRIGGER calendar_days_kind_check_update BEFORE UPDATE ON calendar_days
        WHEN NEW.kind NOT IN ('day_off','working_day') BEGIN SELECT RAISE(ABORT, 'invalid_kind: calendar_days'); END;

-- trigger campaign_household_totals_no_delete
CREATE TRIGGER campaign_household_totals_no_delete BEFORE DELETE ON campaign_household_totals
      BEGIN SELECT RAISE(ABORT, 'append_only: campaign_household_totals are kept by the entries trigger'); END;

-- trigger campaign_household_totals_no_update
CREATE TRIGGER campaign_household_totals_no_update BEFORE UPDATE ON campaign_household_totals
      BEGIN SELECT RAISE(ABORT, 'append_only: campaign_household_totals are kept by the entries trigger'); END;

-- trigger campaigns_decision_recognised
CREATE TRIGGER campaigns_decision_recognised BEFORE INSERT ON campaigns WHEN NEW.decision_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.id = NEW.decision_id AND d.unit_id = NEW.unit_id AND d.status = 'recognised') BEGIN SELECT RAISE(ABORT, 'decision_not_recognised: campaigns'); END;

-- trigger campaigns_status_check_insert
CREATE TRIGGER campaigns_status_check_insert BEFORE INSERT ON campaigns WHEN NEW.status <> 'open' AND NEW.status <> 'closed' BEGIN SELECT RAISE(ABORT, 'invalid_status: campaigns'); END;

-- trigger campaigns_status_check_update
CREATE TRIGGER campaigns_status_check_update BEFORE UPDATE ON campaigns WHEN NEW.status <> 'open' AND NEW.status <> 'closed' BEGIN SELECT RAISE(ABORT, 'invalid_status: campaigns'); END;

-- trigger campaigns_work_id_in_unit_insert
CREATE TRIGGER campaigns_work_id_in_unit_insert BEFORE INSERT ON campaigns
          WHEN NEW.work_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM works x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.work_id AND substr(xu.path, 1, length(nu.path)) = nu.path) BEGIN SELECT RAISE(ABORT, 'not_found: work'); END;

-- trigger campaigns_work_id_in_unit_update
CREATE TRIGGER campaigns_work_id_in_unit_update BEFORE UPDATE OF work_id, unit_id ON campaigns
          WHEN NEW.work_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM works x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.work_id AND substr(xu.path, 1, length(nu.path)) = nu.path) BEGIN SELECT RAISE(ABORT, 'not_found: work'); END;

-- trigger cash_counts_board_oversees_insert
CREATE TRIGGER cash_counts_board_oversees_insert BEFORE INSERT ON cash_counts
          WHEN NOT EXISTS (SELECT 1 FROM board_units bu JOIN units ou ON ou.id = bu.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE bu.board_id = NEW.board_id AND substr(nu.path, 1, length(ou.path)) = ou.path) BEGIN SELECT RAISE(ABORT, 'not_found: board'); END;

-- trigger cash_counts_board_oversees_update
CREATE TRIGGER cash_counts_board_oversees_update BEFORE UPDATE OF board_id, unit_id ON cash_counts
          WHEN NOT EXISTS (SELECT 1 FROM board_units bu JOIN units ou ON ou.id = bu.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE bu.board_id = NEW.board_id AND substr(nu.path, 1, length(ou.path)) = ou.path) BEGIN SELECT RAISE(ABORT, 'not_found: board'); END;

-- trigger cash_counts_no_delete
CREATE TRIGGER cash_counts_no_delete BEFORE DELETE ON cash_counts
      BEGIN SELECT RAISE(ABORT, 'append_only: cash_counts'); END;

-- trigger cash_counts_no_update
CREATE TRIGGER cash_counts_no_update BEFORE UPDATE ON cash_counts BEGIN SELECT RAISE(ABORT, 'append_only: cash_counts'); END;

-- trigger closings_no_delete
CREATE TRIGGER closings_no_delete BEFORE DELETE ON closings
      BEGIN SELECT RAISE(ABORT, 'append_only: closings'); END;

-- trigger closings_no_update
CREATE TRIGGER closings_no_update BEFORE UPDATE ON closings
      BEGIN SELECT RAISE(ABORT, 'append_only: closings'); END;

-- trigger consultation_response_items_frozen_delete
CREATE TRIGGER consultation_response_items_frozen_delete BEFORE DELETE ON consultation_response_items
        WHEN (SELECT r.published_at FROM consultation_responses r WHERE r.id = OLD.response_id) IS NOT NULL BEGIN SELECT RAISE(ABORT, 'response_published: consultation_response_items'); END;

-- trigger consultation_response_items_frozen_insert
CREATE TRIGGER consultation_response_items_frozen_insert BEFORE INSERT ON consultation_response_items
        WHEN (SELECT r.published_at FROM consultation_responses r WHERE r.id = NEW.response_id) IS NOT NULL BEGIN SELECT RAISE(ABORT, 'response_published: consultation_response_items'); END;

-- trigger consultation_response_items_frozen_update
CREATE TRIGGER consultation_response_items_frozen_update BEFORE UPDATE ON consultation_response_items
        WHEN (SELECT r.published_at FROM consultation_responses r WHERE r.id = OLD.response_id) IS NOT NULL BEGIN SELECT RAISE(ABORT, 'response_published: consultation_response_items'); END;

-- trigger consultation_responses_frozen_delete
CREATE TRIGGER consultation_responses_frozen_delete BEFORE DELETE ON consultation_responses
        WHEN OLD.published_at IS NOT NULL BEGIN SELECT RAISE(ABORT, 'response_published: consultation_responses'); END;

-- trigger consultation_responses_frozen_update
CREATE TRIGGER consultation_responses_frozen_update BEFORE UPDATE ON consultation_responses
        WHEN OLD.published_at IS NOT NULL BEGIN SELECT RAISE(ABORT, 'response_published: consultation_responses'); END;

-- trigger consultations_work_id_in_unit_insert
CREATE TRIGGER consultations_work_id_in_unit_insert BEFORE INSERT ON consultations
          WHEN NEW.work_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM works x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.work_id AND substr(xu.path, 1, length(nu.path)) = nu.path) BEGIN SELECT RAISE(ABORT, 'not_found: work'); END;

-- trigger consultations_work_id_in_unit_update
CREATE TRIGGER consultations_work_id_in_unit_update BEFORE UPDATE OF work_id, unit_id ON consultations
          WHEN NEW.work_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM works x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.work_id AND substr(xu.path, 1, length(nu.path)) = nu.path) BEGIN SELECT RAISE(ABORT, 'not_found: work'); END;

-- trigger contributions_campaign_id_in_unit_insert
CREATE TRIGGER contributions_campaign_id_in_unit_insert BEFORE INSERT ON contributions
          WHEN NEW.campaign_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM campaigns x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.campaign_id AND substr(xu.path, 1, length(nu.path)) = nu.path) BEGIN SELECT RAISE(ABORT, 'not_found: campaign'); END;

-- trigger contributions_campaign_id_in_unit_update
CREATE TRIGGER contributions_campaign_id_in_unit_update BEFORE UPDATE OF campaign_id, unit_id ON contributions
          WHEN NEW.campaign_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM campaigns x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.campaign_id AND substr(xu.path, 1, length(nu.path)) = nu.path) BEGIN SELECT RAISE(ABORT, 'not_found: campaign'); END;

-- trigger contributions_household_id_in_unit_insert
CREATE TRIGGER contributions_household_id_in_unit_insert BEFORE INSERT ON contributions
          WHEN NEW.household_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM households x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.household_id AND substr(xu.path, 1, length(nu.path)) = nu.path) BEGIN SELECT RAISE(ABORT, 'not_found: household'); END;

-- trigger contributions_household_id_in_unit_update
CREATE TRIGGER contributions_household_id_in_unit_update BEFORE UPDATE OF household_id, unit_id ON contributions
          WHEN NEW.household_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM households x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.household_id AND substr(xu.path, 1, length(nu.path)) = nu.path) BEGIN SELECT RAISE(ABORT, 'not_found: household'); END;

-- trigger contributions_kind_check_insert
CREATE TRIGGER contributions_kind_check_insert BEFORE INSERT ON contributions WHEN NEW.kind <> 'receipt' AND NEW.kind <> 'pledge' AND NEW.kind <> 'in_kind' BEGIN SELECT RAISE(ABORT, 'invalid_kind: contributions'); END;

-- trigger contributions_kind_check_update
CREATE TRIGGER contributions_kind_check_update BEFORE UPDATE ON contributions WHEN NEW.kind <> 'receipt' AND NEW.kind <> 'pledge' AND NEW.kind <> 'in_kind' BEGIN SELECT RAISE(ABORT, 'invalid_kind: contributions'); END;

-- trigger decision_ballots_channel_check_insert
CREATE TRIGGER decision_ballots_channel_check_insert BEFORE INSERT ON decision_ballots
        WHEN NEW.channel NOT IN ('paper','online') BEGIN SELECT RAISE(ABORT, 'invalid_channel: decision_ballots'); END;

-- trigger decision_ballots_channel_check_update
CREATE TRIGGER decision_ballots_channel_check_update BEFORE UPDATE ON decision_ballots
        WHEN NEW.channel NOT IN ('paper','online') BEGIN SELECT RAISE(ABORT, 'invalid_channel: decision_ballots'); END;

-- trigger decision_ballots_choice_check_insert
CREATE TRIGGER decision_ballots_choice_check_insert BEFORE INSERT ON decision_ballots
        WHEN NEW.choice NOT IN ('agree','disagree','abstain') BEGIN SELECT RAISE(ABORT, 'invalid_choice: decision_ballots'); END;

-- trigger decision_ballots_choice_check_update
CREATE TRIGGER decision_ballots_choice_check_update BEFORE UPDATE ON decision_ballots
        WHEN NEW.choice NOT IN ('agree','disagree','abstain') BEGIN SELECT RAISE(ABORT, 'invalid_choice: decision_ballots'); END;

-- trigger decision_ballots_no_delete
CREATE TRIGGER decision_ballots_no_delete BEFORE DELETE ON decision_ballots
      BEGIN SELECT RAISE(ABORT, 'append_only: decision_ballots'); END;

-- trigger decision_ballots_no_update
CREATE TRIGGER decision_ballots_no_update BEFORE UPDATE ON decision_ballots
      BEGIN SELECT RAISE(ABORT, 'append_only: decision_ballots'); END;

-- trigger decision_ballots_open
CREATE TRIGGER decision_ballots_open BEFORE INSERT ON decision_ballots WHEN (SELECT d.status FROM decisions d WHERE d.id = NEW.decision_id) <> 'draft' BEGIN SELECT RAISE(ABORT, 'decision_voted: decision_ballots'); END;

-- trigger decision_ballots_outside
CREATE TRIGGER decision_ballots_outside BEFORE INSERT ON decision_ballots WHEN NOT EXISTS (SELECT 1 FROM decisions d WHERE d.id = NEW.decision_id AND d.unit_id = NEW.unit_id) BEGIN SELECT RAISE(ABORT, 'not_found: decision'); END;

-- trigger decision_settings_work_investment_rule_check_insert
CREATE TRIGGER decision_settings_work_investment_rule_check_insert BEFORE INSERT ON decision_settings
        WHEN NEW.work_investment_rule NOT IN ('two_thirds','more_than_half') BEGIN SELECT RAISE(ABORT, 'invalid_work_investment_rule: decision_settings'); END;

-- trigger decision_settings_work_investment_rule_check_update
CREATE TRIGGER decision_settings_work_investment_rule_check_update BEFORE UPDATE ON decision_settings
        WHEN NEW.work_investment_rule NOT IN ('two_thirds','more_than_half') BEGIN SELECT RAISE(ABORT, 'invalid_work_investment_rule: decision_settings'); END;

-- trigger decision_transitions_no_delete
CREATE TRIGGER decision_transitions_no_delete BEFORE DELETE ON decision_transitions
      BEGIN SELECT RAISE(ABORT, 'append_only: decision_transitions'); END;

-- trigger decision_transitions_no_update
CREATE TRIGGER decision_transitions_no_update BEFORE UPDATE ON decision_transitions
      BEGIN SELECT RAISE(ABORT, 'append_only: decision_transitions'); END;

-- trigger decisions_method_check_insert
CREATE TRIGGER decisions_method_check_insert BEFORE INSERT ON decisions
        WHEN NEW.method NOT IN ('meeting_show_of_hands','meeting_secret_ballot','household_ballot','online','combined') BEGIN SELECT RAISE(ABORT, 'invalid_method: decisions'); END;

-- trigger decisions_method_check_update
CREATE TRIGGER decisions_method_check_update BEFORE UPDATE ON decisions
        WHEN NEW.method NOT IN ('meeting_show_of_hands','meeting_secret_ballot','household_ballot','online','combined') BEGIN SELECT RAISE(ABORT, 'invalid_method: decisions'); END;

-- trigger decisions_moves
CREATE TRIGGER decisions_moves BEFORE UPDATE ON decisions WHEN (NEW.status <> OLD.status AND NOT ((OLD.status = 'draft' AND NEW.status = 'voted') OR (OLD.status = 'voted' AND NEW.status = 'submitted') OR (OLD.status = 'submitted' AND NEW.status IN ('recognised', 'returned')) OR (OLD.status = 'returned' AND NEW.status = 'submitted'))) OR (OLD.status <> 'draft' AND (NEW.households_total <> OLD.households_total OR NEW.present IS NOT OLD.present OR NEW.agree IS NOT OLD.agree OR NEW.disagree IS NOT OLD.disagree OR NEW.abstain IS NOT OLD.abstain OR NEW.subject <> OLD.subject OR NEW.method <> OLD.method OR NEW.held_on <> OLD.held_on OR NEW.unit_id <> OLD.unit_id)) BEGIN SELECT RAISE(ABORT, 'invalid_transition: decisions'); END;

-- trigger decisions_status_check_insert
CREATE TRIGGER decisions_status_check_insert BEFORE INSERT ON decisions
        WHEN NEW.status NOT IN ('draft','voted','submitted','recognised','returned') BEGIN SELECT RAISE(ABORT, 'invalid_status: decisions'); END;

-- trigger decisions_status_check_update
CREATE TRIGGER decisions_status_check_update BEFORE UPDATE ON decisions
        WHEN NEW.status NOT IN ('draft','voted','submitted','recognised','returned') BEGIN SELECT RAISE(ABORT, 'invalid_status: decisions'); END;

-- trigger decisions_subject_check_insert
CREATE TRIGGER decisions_subject_check_insert BEFORE INSERT ON decisions
        WHEN NEW.subject NOT IN ('contribution_policy','contribution_management','customary_rule','work_investment','other') BEGIN SELECT RAISE(ABORT, 'invalid_subject: decisions'); END;

-- trigger decisions_subject_check_update
CREATE TRIGGER decisions_subject_check_update BEFORE UPDATE ON decisions
        WHEN NEW.subject NOT IN ('contribution_policy','contribution_management','customary_rule','work_investment','other') BEGIN SELECT RAISE(ABORT, 'invalid_subject: decisions'); END;

-- trigger decisions_threshold_rule_check_insert
CREATE TRIGGER decisions_threshold_rule_check_insert BEFORE INSERT ON decisions
        WHEN NEW.threshold_rule NOT IN ('two_thirds','more_than_half') BEGIN SELECT RAISE(ABORT, 'invalid_threshold_rule: decisions'); END;

-- trigger decisions_threshold_rule_check_update
CREATE TRIGGER decisions_threshold_rule_check_update BEFORE UPDATE ON decisions
        WHEN NEW.threshold_rule NOT IN ('two_thirds','more_than_half') BEGIN SELECT RAISE(ABORT, 'invalid_threshold_rule: decisions'); END;

-- trigger entries_balanced
CREATE TRIGGER entries_balanced BEFORE INSERT ON entries WHEN (SELECT COUNT(*) FROM postings p WHERE p.entry_id = NEW.id) < 2
       OR (SELECT SUM(p.amount) FROM postings p WHERE p.entry_id = NEW.id) <> 0 BEGIN SELECT RAISE(ABORT, 'unbalanced_entry: an entry needs two or more postings summing to zero'); END;

-- trigger entries_campaign_id_in_unit_insert
CREATE TRIGGER entries_campaign_id_in_unit_insert BEFORE INSERT ON entries
          WHEN NEW.campaign_id IS NOT NULL AND NOT (NEW.reverses_id IS NOT NULL) AND NOT EXISTS (
    SELECT 1 FROM campaigns x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.campaign_id AND substr(xu.path, 1, length(nu.path)) = nu.path) BEGIN SELECT RAISE(ABORT, 'not_found: campaign'); END;

-- trigger entries_campaign_id_in_unit_update
CREATE TRIGGER entries_campaign_id_in_unit_update BEFORE UPDATE OF campaign_id, unit_id ON entries
          WHEN NEW.campaign_id IS NOT NULL AND NOT (NEW.reverses_id IS NOT NULL) AND NOT EXISTS (
    SELECT 1 FROM campaigns x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.campaign_id AND substr(xu.path, 1, length(nu.path)) = nu.path) BEGIN SELECT RAISE(ABORT, 'not_found: campaign'); END;

-- trigger entries_campaign_totals
CREATE TRIGGER entries_campaign_totals AFTER INSERT ON entries
      WHEN NEW.campaign_id IS NOT NULL AND NEW.household_id IS NOT NULL BEGIN
      INSERT OR REPLACE INTO campaign_household_totals (campaign_id, household_id, unit_id, cash, receivable)
        SELECT NEW.campaign_id, NEW.household_id, COALESCE(t.unit_id, NEW.unit_id), COALESCE(t.cash, 0) + s.cash, COALESCE(t.receivable, 0) + s.owed
        FROM (SELECT COUNT(*) AS n, COALESCE(SUM(CASE WHEN r.role = 'money' THEN p.amount ELSE 0 END), 0) AS cash,
          COALESCE(SUM(CASE WHEN r.role = 'pledges' THEN p.amount ELSE 0 END), 0) AS owed
              FROM postings p JOIN accounts a ON a.id = p.account_id JOIN chart_roles r ON r.code = a.code AND r.role IN ('money', 'pledges')
              WHERE p.entry_id = NEW.id) s
        LEFT JOIN campaign_household_totals t ON t.campaign_id = NEW.campaign_id AND t.household_id = NEW.household_id
        WHERE s.n > 0;
      END;

-- trigger entries_chain
CREATE TRIGGER entries_chain BEFORE INSERT ON entries WHEN NEW.seq <> COALESCE((SELECT MAX(e.seq) FROM entries e WHERE e.unit_id = NEW.unit_id), 0) + 1
       OR NEW.prev_hash <> COALESCE((SELECT e.hash FROM entries e WHERE e.unit_id = NEW.unit_id AND e.seq = NEW.seq - 1), '0000000000000000000000000000000000000000000000000000000000000000') BEGIN SELECT RAISE(ABORT, 'chain_broken: seq must follow the unit last entry and prev_hash its hash'); END;

-- trigger entries_household_id_in_unit_insert
CREATE TRIGGER entries_household_id_in_unit_insert BEFORE INSERT ON entries
          WHEN NEW.household_id IS NOT NULL AND NOT (NEW.reverses_id IS NOT NULL) AND NOT EXISTS (
    SELECT 1 FROM households x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.household_id AND substr(xu.path, 1, length(nu.path)) = nu.path) BEGIN SELECT RAISE(ABORT, 'not_found: household'); END;

-- trigger entries_household_id_in_unit_update
CREATE TRIGGER entries_household_id_in_unit_update BEFORE UPDATE OF household_id, unit_id ON entries
          WHEN NEW.household_id IS NOT NULL AND NOT (NEW.reverses_id IS NOT NULL) AND NOT EXISTS (
    SELECT 1 FROM households x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.household_id AND substr(xu.path, 1, length(nu.path)) = nu.path) BEGIN SELECT RAISE(ABORT, 'not_found: household'); END;

-- trigger entries_kind_check_insert
CREATE TRIGGER entries_kind_check_insert BEFORE INSERT ON entries WHEN NEW.kind <> 'contribution' AND NEW.kind <> 'expense' AND NEW.kind <> 'transfer' AND NEW.kind <> 'opening' AND NEW.kind <> 'adjustment' AND NEW.kind <> 'reversal' BEGIN SELECT RAISE(ABORT, 'invalid_kind: entries'); END;

-- trigger entries_kind_check_update
CREATE TRIGGER entries_kind_check_update BEFORE UPDATE ON entries WHEN NEW.kind <> 'contribution' AND NEW.kind <> 'expense' AND NEW.kind <> 'transfer' AND NEW.kind <> 'opening' AND NEW.kind <> 'adjustment' AND NEW.kind <> 'reversal' BEGIN SELECT RAISE(ABORT, 'invalid_kind: entries'); END;

-- trigger entries_no_delete
CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries
      BEGIN SELECT RAISE(ABORT, 'append_only: entries'); END;

-- trigger entries_no_update
CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries
      BEGIN SELECT RAISE(ABORT, 'append_only: entries'); END;

-- trigger entries_period_open
CREATE TRIGGER entries_period_open BEFORE INSERT ON entries WHEN NEW.entry_date <= (SELECT MAX(c.through) FROM closings c WHERE c.unit_id = NEW.unit_id) BEGIN SELECT RAISE(ABORT, 'period_closed: the date is inside a closed period'); END;

-- trigger entries_postings_match
CREATE TRIGGER entries_postings_match BEFORE INSERT ON entries WHEN EXISTS (SELECT 1 FROM postings p JOIN accounts a ON a.id = p.account_id WHERE p.entry_id = NEW.id
         AND (p.unit_id <> NEW.unit_id OR a.unit_id <> NEW.unit_id OR p.entry_date <> NEW.entry_date OR p.seq <> NEW.seq OR a.is_active = 0)) BEGIN SELECT RAISE(ABORT, 'posting_mismatch: postings must be of the entry unit and date, on active accounts of that unit'); END;

-- trigger entries_reversal_of_entry
CREATE TRIGGER entries_reversal_of_entry BEFORE INSERT ON entries WHEN NEW.reverses_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM entries r WHERE r.id = NEW.reverses_id
         AND r.unit_id = NEW.unit_id AND r.kind <> 'reversal') BEGIN SELECT RAISE(ABORT, 'cannot_reverse_reversal: a reversal cannot be reversed; only an entry of the same unit'); END;

-- trigger entries_voucher_series_check_insert
CREATE TRIGGER entries_voucher_series_check_insert BEFORE INSERT ON entries WHEN NEW.voucher_series <> 'PT' AND NEW.voucher_series <> 'PC' AND NEW.voucher_series <> 'PK' BEGIN SELECT RAISE(ABORT, 'invalid_voucher_series: entries'); END;

-- trigger entries_voucher_series_check_update
CREATE TRIGGER entries_voucher_series_check_update BEFORE UPDATE ON entries WHEN NEW.voucher_series <> 'PT' AND NEW.voucher_series <> 'PC' AND NEW.voucher_series <> 'PK' BEGIN SELECT RAISE(ABORT, 'invalid_voucher_series: entries'); END;

-- trigger entries_vouchers
CREATE TRIGGER entries_vouchers BEFORE INSERT ON entries WHEN NEW.voucher_number <> COALESCE((SELECT MAX(e.voucher_number) FROM entries e WHERE e.unit_id = NEW.unit_id
         AND e.voucher_series = NEW.voucher_series AND e.voucher_year = NEW.voucher_year), 0) + 1 BEGIN SELECT RAISE(ABORT, 'voucher_gap: voucher numbers are gapless per unit, series and year'); END;

-- trigger entries_work_id_in_unit_insert
CREATE TRIGGER entries_work_id_in_unit_insert BEFORE INSERT ON entries
          WHEN NEW.work_id IS NOT NULL AND NOT (NEW.reverses_id IS NOT NULL) AND NOT EXISTS (
    SELECT 1 FROM works x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.work_id AND substr(xu.path, 1, length(nu.path)) = nu.path) BEGIN SELECT RAISE(ABORT, 'not_found: work'); END;

-- trigger entries_work_id_in_unit_update
CREATE TRIGGER entries_work_id_in_unit_update BEFORE UPDATE OF work_id, unit_id ON entries
          WHEN NEW.work_id IS NOT NULL AND NOT (NEW.reverses_id IS NOT NULL) AND NOT EXISTS (
    SELECT 1 FROM works x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.work_id AND substr(xu.path, 1, length(nu.path)) = nu.path) BEGIN SELECT RAISE(ABORT, 'not_found: work'); END;

-- trigger exemptions_campaign_id_in_unit_insert
CREATE TRIGGER exemptions_campaign_id_in_unit_insert BEFORE INSERT ON exemptions
          WHEN NEW.campaign_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM campaigns x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.campaign_id AND substr(xu.path, 1, length(nu.path)) = nu.path) BEGIN SELECT RAISE(ABORT, 'not_found: campaign'); END;

-- trigger exemptions_campaign_id_in_unit_update
CREATE TRIGGER exemptions_campaign_id_in_unit_update BEFORE UPDATE OF campaign_id, unit_id ON exemptions
          WHEN NEW.campaign_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM campaigns x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.campaign_id AND substr(xu.path, 1, length(nu.path)) = nu.path) BEGIN SELECT RAISE(ABORT, 'not_found: campaign'); END;

-- trigger exemptions_household_id_in_unit_insert
CREATE TRIGGER exemptions_household_id_in_unit_insert BEFORE INSERT ON exemptions
          WHEN NEW.household_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM households x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.household_id AND substr(xu.path, 1, length(nu.path)) = nu.path) BEGIN SELECT RAISE(ABORT, 'not_found: household'); END;

-- trigger exemptions_household_id_in_unit_update
CREATE TRIGGER exemptions_household_id_in_unit_update BEFORE UPDATE OF household_id, unit_id ON exemptions
          WHEN NEW.household_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM households x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.household_id AND substr(xu.path, 1, length(nu.path)) = nu.path) BEGIN SELECT RAISE(ABORT, 'not_found: household'); END;

-- trigger expenses_kind_check_insert
CREATE TRIGGER expenses_kind_check_insert BEFORE INSERT ON expenses WHEN NEW.kind <> 'expense' AND NEW.kind <> 'advance' BEGIN SELECT RAISE(ABORT, 'invalid_kind: expenses'); END;

-- trigger expenses_kind_check_update
CREATE TRIGGER expenses_kind_check_update BEFORE UPDATE ON expenses WHEN NEW.kind <> 'expense' AND NEW.kind <> 'advance' BEGIN SELECT RAISE(ABORT, 'invalid_kind: expenses'); END;

-- trigger expenses_status_check_insert
CREATE TRIGGER expenses_status_check_insert BEFORE INSERT ON expenses WHEN NEW.status <> 'draft' AND NEW.status <> 'posted' AND NEW.status <> 'rejected' BEGIN SELECT RAISE(ABORT, 'invalid_status: expenses'); END;

-- trigger expenses_status_check_update
CREATE TRIGGER expenses_status_check_update BEFORE UPDATE ON expenses WHEN NEW.status <> 'draft' AND NEW.status <> 'posted' AND NEW.status <> 'rejected' BEGIN SELECT RAISE(ABORT, 'invalid_status: expenses'); END;

-- trigger expenses_work_id_in_unit_insert
CREATE TRIGGER expenses_work_id_in_unit_insert BEFORE INSERT ON expenses
          WHEN NEW.work_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM works x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.work_id AND substr(xu.path, 1, length(nu.path)) = nu.path) BEGIN SELECT RAISE(ABORT, 'not_found: work'); END;

-- trigger expenses_work_id_in_unit_update
CREATE TRIGGER expenses_work_id_in_unit_update BEFORE UPDATE OF work_id, unit_id ON expenses
          WHEN NEW.work_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM works x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.work_id AND substr(xu.path, 1, length(nu.path)) = nu.path) BEGIN SELECT RAISE(ABORT, 'not_found: work'); END;

-- trigger feedback_work_id_in_unit_insert
CREATE TRIGGER feedback_work_id_in_unit_insert BEFORE INSERT ON feedback
          WHEN NEW.work_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM works x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.work_id AND substr(xu.path, 1, length(nu.path)) = nu.path) BEGIN SELECT RAISE(ABORT, 'not_found: work'); END;

-- trigger feedback_work_id_in_unit_update
CREATE TRIGGER feedback_work_id_in_unit_update BEFORE UPDATE OF work_id, unit_id ON feedback
          WHEN NEW.work_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM works x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.work_id AND substr(xu.path, 1, length(nu.path)) = nu.path) BEGIN SELECT RAISE(ABORT, 'not_found: work'); END;

-- trigger finding_transitions_no_delete
CREATE TRIGGER finding_transitions_no_delete BEFORE DELETE ON finding_transitions
      BEGIN SELECT RAISE(ABORT, 'append_only: finding_transitions'); END;

-- trigger finding_transitions_no_update
CREATE TRIGGER finding_transitions_no_update BEFORE UPDATE ON finding_transitions
      BEGIN SELECT RAISE(ABORT, 'append_only: finding_transitions'); END;

-- trigger findings_board_oversees_insert
CREATE TRIGGER findings_board_oversees_insert BEFORE INSERT ON findings
          WHEN NOT EXISTS (SELECT 1 FROM board_units bu JOIN units ou ON ou.id = bu.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE bu.board_id = NEW.board_id AND substr(nu.path, 1, length(ou.path)) = ou.path) AND NOT (NEW.work_id IS NOT NULL AND EXISTS (SELECT 1 FROM board_works bw WHERE bw.board_id = NEW.board_id AND bw.work_id = NEW.work_id)) BEGIN SELECT RAISE(ABORT, 'not_found: board'); END;

-- trigger findings_board_oversees_update
CREATE TRIGGER findings_board_oversees_update BEFORE UPDATE OF board_id, unit_id ON findings
          WHEN NOT EXISTS (SELECT 1 FROM board_units bu JOIN units ou ON ou.id = bu.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE bu.board_id = NEW.board_id AND substr(nu.path, 1, length(ou.path)) = ou.path) AND NOT (NEW.work_id IS NOT NULL AND EXISTS (SELECT 1 FROM board_works bw WHERE bw.board_id = NEW.board_id AND bw.work_id = NEW.work_id)) BEGIN SELECT RAISE(ABORT, 'not_found: board'); END;

-- trigger findings_severity_check_insert
CREATE TRIGGER findings_severity_check_insert BEFORE INSERT ON findings WHEN NEW.severity <> 'observation' AND NEW.severity <> 'minor' AND NEW.severity <> 'major' AND NEW.severity <> 'critical' BEGIN SELECT RAISE(ABORT, 'invalid_severity: findings'); END;

-- trigger findings_severity_check_update
CREATE TRIGGER findings_severity_check_update BEFORE UPDATE ON findings WHEN NEW.severity <> 'observation' AND NEW.severity <> 'minor' AND NEW.severity <> 'major' AND NEW.severity <> 'critical' BEGIN SELECT RAISE(ABORT, 'invalid_severity: findings'); END;

-- trigger findings_status_check_insert
CREATE TRIGGER findings_status_check_insert BEFORE INSERT ON findings WHEN NEW.status <> 'open' AND NEW.status <> 'answered' AND NEW.status <> 'resolved' AND NEW.status <> 'escalated' BEGIN SELECT RAISE(ABORT, 'invalid_status: findings'); END;

-- trigger findings_status_check_update
CREATE TRIGGER findings_status_check_update BEFORE UPDATE ON findings WHEN NEW.status <> 'open' AND NEW.status <> 'answered' AND NEW.status <> 'resolved' AND NEW.status <> 'escalated' BEGIN SELECT RAISE(ABORT, 'invalid_status: findings'); END;

-- trigger findings_work_id_in_unit_insert
CREATE TRIGGER findings_work_id_in_unit_insert BEFORE INSERT ON findings
          WHEN NEW.work_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM works x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.work_id AND substr(xu.path, 1, length(nu.path)) = nu.path) BEGIN SELECT RAISE(ABORT, 'not_found: work'); END;

-- trigger findings_work_id_in_unit_update
CREATE TRIGGER findings_work_id_in_unit_update BEFORE UPDATE OF work_id, unit_id ON findings
          WHEN NEW.work_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM works x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.work_id AND substr(xu.path, 1, length(nu.path)) = nu.path) BEGIN SELECT RAISE(ABORT, 'not_found: work'); END;

-- trigger grants_role_check_insert
CREATE TRIGGER grants_role_check_insert BEFORE INSERT ON grants WHEN NEW.role <> 'admin' AND NEW.role <> 'treasurer' AND NEW.role <> 'head' AND NEW.role <> 'inspector' BEGIN SELECT RAISE(ABORT, 'invalid_role: grants'); END;

-- trigger grants_role_check_update
CREATE TRIGGER grants_role_check_update BEFORE UPDATE ON grants WHEN NEW.role <> 'admin' AND NEW.role <> 'treasurer' AND NEW.role <> 'head' AND NEW.role <> 'inspector' BEGIN SELECT RAISE(ABORT, 'invalid_role: grants'); END;

-- trigger household_activity_no_delete
CREATE TRIGGER household_activity_no_delete BEFORE DELETE ON household_activity
      BEGIN SELECT RAISE(ABORT, 'append_only: household_activity'); END;

-- trigger household_activity_no_update
CREATE TRIGGER household_activity_no_update BEFORE UPDATE ON household_activity
      BEGIN SELECT RAISE(ABORT, 'append_only: household_activity'); END;

-- trigger households_category_check_insert
CREATE TRIGGER households_category_check_insert BEFORE INSERT ON households WHEN NEW.category <> 'normal' AND NEW.category <> 'poor' AND NEW.category <> 'near_poor' AND NEW.category <> 'policy' AND NEW.category <> 'other' BEGIN SELECT RAISE(ABORT, 'invalid_category: households'); END;

-- trigger households_category_check_update
CREATE TRIGGER households_category_check_update BEFORE UPDATE ON households WHEN NEW.category <> 'normal' AND NEW.category <> 'poor' AND NEW.category <> 'near_poor' AND NEW.category <> 'policy' AND NEW.category <> 'other' BEGIN SELECT RAISE(ABORT, 'invalid_category: households'); END;

-- trigger households_code_upper_insert
CREATE TRIGGER households_code_upper_insert BEFORE INSERT ON households
        WHEN NEW.code <> upper(NEW.code) BEGIN SELECT RAISE(ABORT, 'constraint_violated: households.code upper-case'); END;

-- trigger households_code_upper_update
CREATE TRIGGER households_code_upper_update BEFORE UPDATE OF code ON households
        WHEN NEW.code <> upper(NEW.code) BEGIN SELECT RAISE(ABORT, 'constraint_violated: households.code upper-case'); END;

-- trigger inspection_addenda_no_delete
CREATE TRIGGER inspection_addenda_no_delete BEFORE DELETE ON inspection_addenda
      BEGIN SELECT RAISE(ABORT, 'append_only: inspection_addenda'); END;

-- trigger inspection_addenda_no_update
CREATE TRIGGER inspection_addenda_no_update BEFORE UPDATE ON inspection_addenda
      BEGIN SELECT RAISE(ABORT, 'append_only: inspection_addenda'); END;

-- trigger inspections_board_oversees_insert
CREATE TRIGGER inspections_board_oversees_insert BEFORE INSERT ON inspections
          WHEN NOT EXISTS (SELECT 1 FROM board_units bu JOIN units ou ON ou.id = bu.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE bu.board_id = NEW.board_id AND substr(nu.path, 1, length(ou.path)) = ou.path) AND NOT (NEW.work_id IS NOT NULL AND EXISTS (SELECT 1 FROM board_works bw WHERE bw.board_id = NEW.board_id AND bw.work_id = NEW.work_id)) BEGIN SELECT RAISE(ABORT, 'not_found: board'); END;

-- trigger inspections_board_oversees_update
CREATE TRIGGER inspections_board_oversees_update BEFORE UPDATE OF board_id, unit_id ON inspections
          WHEN NOT EXISTS (SELECT 1 FROM board_units bu JOIN units ou ON ou.id = bu.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE bu.board_id = NEW.board_id AND substr(nu.path, 1, length(ou.path)) = ou.path) AND NOT (NEW.work_id IS NOT NULL AND EXISTS (SELECT 1 FROM board_works bw WHERE bw.board_id = NEW.board_id AND bw.work_id = NEW.work_id)) BEGIN SELECT RAISE(ABORT, 'not_found: board'); END;

-- trigger inspections_status_check_insert
CREATE TRIGGER inspections_status_check_insert BEFORE INSERT ON inspections WHEN NEW.status <> 'draft' AND NEW.status <> 'filed' AND NEW.status <> 'published' BEGIN SELECT RAISE(ABORT, 'invalid_status: inspections'); END;

-- trigger inspections_status_check_update
CREATE TRIGGER inspections_status_check_update BEFORE UPDATE ON inspections WHEN NEW.status <> 'draft' AND NEW.status <> 'filed' AND NEW.status <> 'published' BEGIN SELECT RAISE(ABORT, 'invalid_status: inspections'); END;

-- trigger inspections_work_id_in_unit_insert
CREATE TRIGGER inspections_work_id_in_unit_insert BEFORE INSERT ON inspections
          WHEN NEW.work_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM works x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.work_id AND substr(xu.path, 1, length(nu.path)) = nu.path) BEGIN SELECT RAISE(ABORT, 'not_found: work'); END;

-- trigger inspections_work_id_in_unit_update
CREATE TRIGGER inspections_work_id_in_unit_update BEFORE UPDATE OF work_id, unit_id ON inspections
          WHEN NEW.work_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM works x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.work_id AND substr(xu.path, 1, length(nu.path)) = nu.path) BEGIN SELECT RAISE(ABORT, 'not_found: work'); END;

-- trigger opinions_choice_check_insert
CREATE TRIGGER opinions_choice_check_insert BEFORE INSERT ON opinions WHEN NEW.choice <> 'agree' AND NEW.choice <> 'disagree' AND NEW.choice <> 'abstain' BEGIN SELECT RAISE(ABORT, 'invalid_choice: opinions'); END;

-- trigger opinions_choice_check_update
CREATE TRIGGER opinions_choice_check_update BEFORE UPDATE ON opinions WHEN NEW.choice <> 'agree' AND NEW.choice <> 'disagree' AND NEW.choice <> 'abstain' BEGIN SELECT RAISE(ABORT, 'invalid_choice: opinions'); END;

-- trigger opinions_no_delete
CREATE TRIGGER opinions_no_delete BEFORE DELETE ON opinions
      BEGIN SELECT RAISE(ABORT, 'append_only: opinions'); END;

-- trigger opinions_no_update
CREATE TRIGGER opinions_no_update BEFORE UPDATE ON opinions
      BEGIN SELECT RAISE(ABORT, 'append_only: opinions'); END;

-- trigger outbox_channel_check_insert
CREATE TRIGGER outbox_channel_check_insert BEFORE INSERT ON outbox
        WHEN NEW.channel NOT IN ('zalo','sms','email') BEGIN SELECT RAISE(ABORT, 'invalid_channel: outbox'); END;

-- trigger outbox_channel_check_update
CREATE TRIGGER outbox_channel_check_update BEFORE UPDATE ON outbox
        WHEN NEW.channel NOT IN ('zalo','sms','email') BEGIN SELECT RAISE(ABORT, 'invalid_channel: outbox'); END;

-- trigger outbox_events_kind_check_insert
CREATE TRIGGER outbox_events_kind_check_insert BEFORE INSERT ON outbox_events
        WHEN NEW.kind NOT IN ('receipt','work_moved','work_progress','work_payment','publication','consultation','feedback_answer') BEGIN SELECT RAISE(ABORT, 'invalid_kind: outbox_events'); END;

-- trigger outbox_events_kind_check_update
CREATE TRIGGER outbox_events_kind_check_update BEFORE UPDATE ON outbox_events
        WHEN NEW.kind NOT IN ('receipt','work_moved','work_progress','work_payment','publication','consultation','feedback_answer') BEGIN SELECT RAISE(ABORT, 'invalid_kind: outbox_events'); END;

-- trigger outbox_status_check_insert
CREATE TRIGGER outbox_status_check_insert BEFORE INSERT ON outbox
        WHEN NEW.status NOT IN ('pending','sent','parked') BEGIN SELECT RAISE(ABORT, 'invalid_status: outbox'); END;

-- trigger outbox_status_check_update
CREATE TRIGGER outbox_status_check_update BEFORE UPDATE ON outbox
        WHEN NEW.status NOT IN ('pending','sent','parked') BEGIN SELECT RAISE(ABORT, 'invalid_status: outbox'); END;

-- trigger payments_approved
CREATE TRIGGER payments_approved BEFORE INSERT ON entries
      WHEN NEW.kind NOT IN ('contribution', 'reversal') AND (SELECT COALESCE(SUM(-p.amount), 0) FROM postings p JOIN accounts a ON a.id = p.account_id
        WHERE p.entry_id = NEW.id AND p.amount < 0 AND EXISTS (SELECT 1 FROM chart_roles r WHERE r.role = 'money' AND (r.code = a.code OR r.code = a.parent_code))) > (SELECT u.approval_threshold FROM units u WHERE u.id = NEW.unit_id) AND (SELECT COALESCE(SUM(p.amount), 0) FROM postings p JOIN accounts a ON a.id = p.account_id
        WHERE p.entry_id = NEW.id AND p.amount > 0 AND (a.type = 'expense' OR EXISTS (SELECT 1 FROM chart_roles r WHERE r.role = 'advances' AND (r.code = a.code OR r.code = a.parent_code)))) > (SELECT u.approval_threshold FROM units u WHERE u.id = NEW.unit_id)
        AND NOT EXISTS (SELECT 1 FROM expenses x WHERE x.unit_id = NEW.unit_id AND x.work_id = NEW.work_id
  AND x.status = 'posted' AND x.entry_id IS NULL AND x.decided_by IS NOT NULL AND (x.drafted_by IS NULL OR x.decided_by <> x.drafted_by))
      BEGIN SELECT RAISE(ABORT, 'approval_required: a payment above the approval threshold needs an approved voucher'); END;

-- trigger postings_account_active
CREATE TRIGGER postings_account_active BEFORE INSERT ON postings WHEN EXISTS (SELECT 1 FROM accounts a WHERE a.id = NEW.account_id AND a.is_active = 0) BEGIN SELECT RAISE(ABORT, 'account_inactive: the account is deactivated'); END;

-- trigger postings_account_of_unit
CREATE TRIGGER postings_account_of_unit BEFORE INSERT ON postings WHEN NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = NEW.account_id AND a.unit_id = NEW.unit_id) BEGIN SELECT RAISE(ABORT, 'unknown_account: the account is not one of the posting unit'); END;

-- trigger postings_days
CREATE TRIGGER postings_days AFTER INSERT ON postings BEGIN INSERT INTO account_days (account_id, entry_date, unit_id, debit, credit, postings)
      VALUES (NEW.account_id, NEW.entry_date, NEW.unit_id,
              CASE WHEN NEW.amount > 0 THEN NEW.amount ELSE 0 END, CASE WHEN NEW.amount < 0 THEN NEW.amount ELSE 0 END, 1)
      ON CONFLICT (account_id, entry_date) DO UPDATE SET
        debit = account_days.debit + excluded.debit, credit = account_days.credit + excluded.credit,
        postings = account_days.postings + 1; END;

-- trigger postings_entry_open
CREATE TRIGGER postings_entry_open BEFORE INSERT ON postings WHEN EXISTS (SELECT 1 FROM entries e WHERE e.id = NEW.entry_id) BEGIN SELECT RAISE(ABORT, 'entry_posted: postings cannot be added to a posted entry'); END;

-- trigger postings_no_delete
CREATE TRIGGER postings_no_delete BEFORE DELETE ON postings
      BEGIN SELECT RAISE(ABORT, 'append_only: postings'); END;

-- trigger postings_no_update
CREATE TRIGGER postings_no_update BEFORE UPDATE ON postings
      BEGIN SELECT RAISE(ABORT, 'append_only: postings'); END;

-- trigger publication_opinions_board_oversees_insert
CREATE TRIGGER publication_opinions_board_oversees_insert BEFORE INSERT ON publication_opinions
          WHEN NOT EXISTS (SELECT 1 FROM board_units bu JOIN units ou ON ou.id = bu.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE bu.board_id = NEW.board_id AND substr(nu.path, 1, length(ou.path)) = ou.path) BEGIN SELECT RAISE(ABORT, 'not_found: board'); END;

-- trigger publication_opinions_board_oversees_update
CREATE TRIGGER publication_opinions_board_oversees_update BEFORE UPDATE OF board_id, unit_id ON publication_opinions
          WHEN NOT EXISTS (SELECT 1 FROM board_units bu JOIN units ou ON ou.id = bu.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE bu.board_id = NEW.board_id AND substr(nu.path, 1, length(ou.path)) = ou.path) BEGIN SELECT RAISE(ABORT, 'not_found: board'); END;

-- trigger publication_opinions_stance_check_insert
CREATE TRIGGER publication_opinions_stance_check_insert BEFORE INSERT ON publication_opinions WHEN NEW.stance <> 'sign_off' AND NEW.stance <> 'objection' BEGIN SELECT RAISE(ABORT, 'invalid_stance: publication_opinions'); END;

-- trigger publication_opinions_stance_check_update
CREATE TRIGGER publication_opinions_stance_check_update BEFORE UPDATE ON publication_opinions WHEN NEW.stance <> 'sign_off' AND NEW.stance <> 'objection' BEGIN SELECT RAISE(ABORT, 'invalid_stance: publication_opinions'); END;

-- trigger publication_postings_photo_attachment_id_in_unit_insert
CREATE TRIGGER publication_postings_photo_attachment_id_in_unit_insert BEFORE INSERT ON publication_postings
          WHEN NEW.photo_attachment_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM attachments x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.photo_attachment_id AND substr(xu.path, 1, length(nu.path)) = nu.path) BEGIN SELECT RAISE(ABORT, 'not_found: attachment'); END;

-- trigger publication_postings_photo_attachment_id_in_unit_update
CREATE TRIGGER publication_postings_photo_attachment_id_in_unit_update BEFORE UPDATE OF photo_attachment_id, unit_id ON publication_postings
          WHEN NEW.photo_attachment_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM attachments x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.photo_attachment_id AND substr(xu.path, 1, length(nu.path)) = nu.path) BEGIN SELECT RAISE(ABORT, 'not_found: attachment'); END;

-- trigger publications_status_check_insert
CREATE TRIGGER publications_status_check_insert BEFORE INSERT ON publications WHEN NEW.status <> 'draft' AND NEW.status <> 'published' BEGIN SELECT RAISE(ABORT, 'invalid_status: publications'); END;

-- trigger publications_status_check_update
CREATE TRIGGER publications_status_check_update BEFORE UPDATE ON publications WHEN NEW.status <> 'draft' AND NEW.status <> 'published' BEGIN SELECT RAISE(ABORT, 'invalid_status: publications'); END;

-- trigger publications_supersedes_id_in_unit_insert
CREATE TRIGGER publications_supersedes_id_in_unit_insert BEFORE INSERT ON publications
          WHEN NEW.supersedes_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM publications x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.supersedes_id AND substr(xu.path, 1, length(nu.path)) = nu.path) BEGIN SELECT RAISE(ABORT, 'not_found: publication'); END;

-- trigger publications_supersedes_id_in_unit_update
CREATE TRIGGER publications_supersedes_id_in_unit_update BEFORE UPDATE OF supersedes_id, unit_id ON publications
          WHEN NEW.supersedes_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM publications x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.supersedes_id AND substr(xu.path, 1, length(nu.path)) = nu.path) BEGIN SELECT RAISE(ABORT, 'not_found: publication'); END;

-- trigger subscriptions_channel_check_insert
CREATE TRIGGER subscriptions_channel_check_insert BEFORE INSERT ON subscriptions
        WHEN NEW.channel NOT IN ('zalo','sms','email') BEGIN SELECT RAISE(ABORT, 'invalid_channel: subscriptions'); END;

-- trigger subscriptions_channel_check_update
CREATE TRIGGER subscriptions_channel_check_update BEFORE UPDATE ON subscriptions
        WHEN NEW.channel NOT IN ('zalo','sms','email') BEGIN SELECT RAISE(ABORT, 'invalid_channel: subscriptions'); END;

-- trigger subscriptions_status_check_insert
CREATE TRIGGER subscriptions_status_check_insert BEFORE INSERT ON subscriptions
        WHEN NEW.status NOT IN ('pending','active','withdrawn') BEGIN SELECT RAISE(ABORT, 'invalid_status: subscriptions'); END;

-- trigger subscriptions_status_check_update
CREATE TRIGGER subscriptions_status_check_update BEFORE UPDATE ON subscriptions
        WHEN NEW.status NOT IN ('pending','active','withdrawn') BEGIN SELECT RAISE(ABORT, 'invalid_status: subscriptions'); END;

-- trigger units_kind_check_insert
CREATE TRIGGER units_kind_check_insert BEFORE INSERT ON units WHEN NEW.kind <> 'province' AND NEW.kind <> 'commune' AND NEW.kind <> 'hamlet' BEGIN SELECT RAISE(ABORT, 'invalid_kind: units'); END;

-- trigger units_kind_check_update
CREATE TRIGGER units_kind_check_update BEFORE UPDATE ON units WHEN NEW.kind <> 'province' AND NEW.kind <> 'commune' AND NEW.kind <> 'hamlet' BEGIN SELECT RAISE(ABORT, 'invalid_kind: units'); END;

-- trigger work_lines_campaign_id_in_unit_insert
CREATE TRIGGER work_lines_campaign_id_in_unit_insert BEFORE INSERT ON work_lines
          WHEN NEW.campaign_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM campaigns x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.campaign_id AND substr(xu.path, 1, length(nu.path)) = nu.path) BEGIN SELECT RAISE(ABORT, 'not_found: campaign'); END;

-- trigger work_lines_campaign_id_in_unit_update
CREATE TRIGGER work_lines_campaign_id_in_unit_update BEFORE UPDATE OF campaign_id, unit_id ON work_lines
          WHEN NEW.campaign_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM campaigns x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.campaign_id AND substr(xu.path, 1, length(nu.path)) = nu.path) BEGIN SELECT RAISE(ABORT, 'not_found: campaign'); END;

-- trigger work_lines_campaign_own_unit_insert
CREATE TRIGGER work_lines_campaign_own_unit_insert BEFORE INSERT ON work_lines
        WHEN NEW.campaign_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM campaigns c WHERE c.id = NEW.campaign_id AND c.unit_id = NEW.unit_id) BEGIN SELECT RAISE(ABORT, 'not_found: campaign'); END;

-- trigger work_lines_campaign_own_unit_update
CREATE TRIGGER work_lines_campaign_own_unit_update BEFORE UPDATE OF campaign_id, unit_id ON work_lines
        WHEN NEW.campaign_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM campaigns c WHERE c.id = NEW.campaign_id AND c.unit_id = NEW.unit_id) BEGIN SELECT RAISE(ABORT, 'not_found: campaign'); END;

-- trigger work_lines_kind_check_insert
CREATE TRIGGER work_lines_kind_check_insert BEFORE INSERT ON work_lines WHEN NEW.kind <> 'estimate' AND NEW.kind <> 'funding' BEGIN SELECT RAISE(ABORT, 'invalid_kind: work_lines'); END;

-- trigger work_lines_kind_check_update
CREATE TRIGGER work_lines_kind_check_update BEFORE UPDATE ON work_lines WHEN NEW.kind <> 'estimate' AND NEW.kind <> 'funding' BEGIN SELECT RAISE(ABORT, 'invalid_kind: work_lines'); END;

-- trigger work_progress_no_delete
CREATE TRIGGER work_progress_no_delete BEFORE DELETE ON work_progress
      BEGIN SELECT RAISE(ABORT, 'append_only: work_progress'); END;

-- trigger work_progress_no_update
CREATE TRIGGER work_progress_no_update BEFORE UPDATE ON work_progress
      BEGIN SELECT RAISE(ABORT, 'append_only: work_progress'); END;

-- trigger work_transitions_no_delete
CREATE TRIGGER work_transitions_no_delete BEFORE DELETE ON work_transitions
      BEGIN SELECT RAISE(ABORT, 'append_only: work_transitions'); END;

-- trigger work_transitions_no_update
CREATE TRIGGER work_transitions_no_update BEFORE UPDATE ON work_transitions
      BEGIN SELECT RAISE(ABORT, 'append_only: work_transitions'); END;

-- trigger works_status_check_insert
CREATE TRIGGER works_status_check_insert BEFORE INSERT ON works WHEN NEW.status <> 'proposed' AND NEW.status <> 'consulting' AND NEW.status <> 'approved' AND NEW.status <> 'in_progress' AND NEW.status <> 'completed' AND NEW.status <> 'accepted' AND NEW.status <> 'settled' AND NEW.status <> 'cancelled' BEGIN SELECT RAISE(ABORT, 'invalid_status: works'); END;

-- trigger works_status_check_update
CREATE TRIGGER works_status_check_update BEFORE UPDATE ON works WHEN NEW.status <> 'proposed' AND NEW.status <> 'consulting' AND NEW.status <> 'approved' AND NEW.status <> 'in_progress' AND NEW.status <> 'completed' AND NEW.status <> 'accepted' AND NEW.status <> 'settled' AND NEW.status <> 'cancelled' BEGIN SELECT RAISE(ABORT, 'invalid_status: works'); END;

-- trigger year_closings_no_delete
CREATE TRIGGER year_closings_no_delete BEFORE DELETE ON year_closings
      BEGIN SELECT RAISE(ABORT, 'append_only: year_closings'); END;

-- trigger year_closings_no_update
CREATE TRIGGER year_closings_no_update BEFORE UPDATE ON year_closings
      BEGIN SELECT RAISE(ABORT, 'append_only: year_closings'); END;
