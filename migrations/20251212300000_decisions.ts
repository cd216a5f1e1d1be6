import type { Knex } from "knex";
import { appendOnly, isPg, oneOf } from "./lib/triggers";

// Residents' decisions as records (law.md L5–L8): the decision, its meeting tally, each household's
// ballot (paper or online, once per household), its moves towards the commune's recognition, and
// each unit's decision settings. Campaigns and works name the decision they rest on. Households
// keep when they were deactivated or reactivated, so the register on a past day can be counted.
// Runs in a transaction; reversible.

// The only moves of a decision (src/decisions/transitions.ts MOVES says the same).
const MOVES = "(OLD.status = 'draft' AND NEW.status = 'voted') OR (OLD.status = 'voted' AND NEW.status = 'submitted')"
  + " OR (OLD.status = 'submitted' AND NEW.status IN ('recognised', 'returned')) OR (OLD.status = 'returned' AND NEW.status = 'submitted')";
// Once voted, what was counted and on which register stays as it is.
const FROZEN = "OLD.status <> 'draft' AND (NEW.households_total <> OLD.households_total OR NEW.present IS DISTINCT FROM OLD.present"
  + " OR NEW.agree IS DISTINCT FROM OLD.agree OR NEW.disagree IS DISTINCT FROM OLD.disagree OR NEW.abstain IS DISTINCT FROM OLD.abstain"
  + " OR NEW.subject <> OLD.subject OR NEW.method <> OLD.method OR NEW.held_on <> OLD.held_on OR NEW.unit_id <> OLD.unit_id)";
const BAD_UPDATE = `(NEW.status <> OLD.status AND NOT (${MOVES})) OR (${FROZEN})`;
const BALLOT_LATE = "(SELECT d.status FROM decisions d WHERE d.id = NEW.decision_id) <> 'draft'";
// A ballot is of its decision's unit (the service checks the household was in its register that day).
const BALLOT_OUTSIDE = "NOT EXISTS (SELECT 1 FROM decisions d WHERE d.id = NEW.decision_id AND d.unit_id = NEW.unit_id)";
const CAMPAIGN_UNRECOGNISED = "NEW.decision_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.id = NEW.decision_id"
  + " AND d.unit_id = NEW.unit_id AND d.status = 'recognised')";

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("decisions", (t) => {
    t.increments("id").primary();
    t.integer("unit_id").notNullable().references("id").inTable("units");
    t.string("title", 500).notNullable();
    t.string("subject", 32).notNullable();
    t.string("method", 32).notNullable();
    t.string("held_on", 10).notNullable();
    t.integer("minutes_attachment_id").references("id").inTable("attachments");
    // From the register on held_on, never typed (src/contributions/register.ts).
    t.integer("households_total").notNullable();
    // two_thirds | more_than_half: the rule that applied when it was recorded (law.md L7).
    t.string("threshold_rule", 16).notNullable();
    // The meeting's own counts (null until a tally is recorded); ballots are counted from decision_ballots.
    t.integer("present");
    t.integer("agree");
    t.integer("disagree");
    t.integer("abstain");
    t.string("status", 16).notNullable().defaultTo("draft");
    t.string("voted_on", 10);
    t.string("submit_by", 10);
    t.integer("created_by");
    t.string("created_at", 30).notNullable();
    t.string("updated_at", 30).notNullable();
    t.index(["unit_id", "held_on"]);
    t.check("?? >= 1", ["households_total"], "decisions_register");
    t.check("?? IS NULL OR (?? >= 0 AND ?? >= 0 AND ?? >= 0 AND ?? + ?? + ?? <= ?? AND ?? <= ??)",
      ["present", "agree", "disagree", "abstain", "agree", "disagree", "abstain", "present", "present", "households_total"], "decisions_tally");
  });
  await oneOf(knex, "decisions", "subject", ["contribution_policy", "contribution_management", "customary_rule", "work_investment", "other"]);
  await oneOf(knex, "decisions", "method", ["meeting_show_of_hands", "meeting_secret_ballot", "household_ballot", "online", "combined"]);
  await oneOf(knex, "decisions", "status", ["draft", "voted", "submitted", "recognised", "returned"]);
  await oneOf(knex, "decisions", "threshold_rule", ["two_thirds", "more_than_half"]);

  await knex.schema.createTable("decision_ballots", (t) => {
    t.increments("id").primary();
    t.integer("decision_id").notNullable().references("id").inTable("decisions");
    t.integer("unit_id").notNullable().references("id").inTable("units");
    t.integer("household_id").notNullable().references("id").inTable("households");
    t.string("choice", 16).notNullable();
    t.string("channel", 16).notNullable(); // paper (entered by the counting team) | online (the household itself)
    t.integer("entered_by"); // the user who entered a paper ballot; null online
    t.string("created_at", 30).notNullable();
    // law.md L6: a household counts once, whatever the channel.
    t.unique(["decision_id", "household_id"]);
  });
  await oneOf(knex, "decision_ballots", "choice", ["agree", "disagree", "abstain"]);
  await oneOf(knex, "decision_ballots", "channel", ["paper", "online"]);
  await appendOnly(knex, "decision_ballots");

  await knex.schema.createTable("decision_transitions", (t) => {
    t.increments("id").primary();
    t.integer("decision_id").notNullable().references("id").inTable("decisions");
    t.integer("unit_id").notNullable().references("id").inTable("units");
    t.string("from_status", 16).notNullable();
    t.string("to_status", 16).notNullable();
    t.string("reason", 2000);
    t.integer("created_by");
    t.string("created_by_name", 200);
    t.string("created_at", 30).notNullable();
    t.index(["decision_id", "id"]);
  });
  await appendOnly(knex, "decision_transitions");

  await knex.schema.createTable("decision_settings", (t) => {
    t.integer("unit_id").primary().references("id").inTable("units");
    t.string("work_investment_rule", 16).notNullable().defaultTo("more_than_half");
    t.integer("submit_within_days").notNullable().defaultTo(5);
    t.integer("updated_by");
    t.string("updated_at", 30).notNullable();
    t.check("?? BETWEEN 1 AND 60", ["submit_within_days"], "decision_settings_days");
  });
  await oneOf(knex, "decision_settings", "work_investment_rule", ["two_thirds", "more_than_half"]);

  await knex.schema.createTable("household_activity", (t) => {
    t.increments("id").primary();
    t.integer("household_id").notNullable().references("id").inTable("households");
    t.boolean("is_active").notNullable();
    t.string("changed_at", 30).notNullable();
    t.index(["household_id", "changed_at"]);
  });
  await appendOnly(knex, "household_activity");
  // Households already inactive: when, as the audit trail recorded it (else since they were registered).
  const inactive = await knex("households").select("id", "created_at").where({ is_active: false });
  for (const h of inactive) {
    const events = await knex("audit_events").select("at", "details").where({ entity: "household", entity_id: String(h.id), action: "household.updated" }).orderBy("id", "desc");
    const off = events.find((e) => /"isActive":\s*false/.test(String(e.details ?? "")));
    await knex("household_activity").insert({ household_id: h.id, is_active: false, changed_at: off?.at ?? h.created_at });
  }

  await knex.schema.createTable("reductions", (t) => {
    t.increments("id").primary();
    t.integer("unit_id").notNullable().references("id").inTable("units");
    t.integer("campaign_id").notNullable().references("id").inTable("campaigns");
    t.integer("household_id").notNullable().references("id").inTable("households");
    t.bigInteger("suggested_amount").notNullable();
    t.string("reason", 2000).notNullable();
    t.integer("created_by");
    t.string("created_at", 30).notNullable();
    t.unique(["campaign_id", "household_id"]);
    t.check("?? >= 0", ["suggested_amount"], "reductions_amount");
  });

  // Plain ADD COLUMN on both engines: knex would rebuild a SQLite table, which other tables' triggers name.
  for (const table of ["campaigns", "works"]) await knex.raw(`ALTER TABLE ${table} ADD COLUMN decision_id integer REFERENCES decisions(id)`);

  if (isPg(knex)) {
    await knex.raw(`CREATE FUNCTION decisions_moves() RETURNS trigger AS $$ BEGIN
      IF ${BAD_UPDATE} THEN RAISE EXCEPTION 'invalid_transition: decisions' USING ERRCODE = 'P0001'; END IF;
      RETURN NEW; END $$ LANGUAGE plpgsql`);
    await knex.raw("CREATE TRIGGER decisions_moves BEFORE UPDATE ON decisions FOR EACH ROW EXECUTE FUNCTION decisions_moves()");
    await knex.raw(`CREATE FUNCTION decision_ballots_open() RETURNS trigger AS $$ BEGIN
      IF ${BALLOT_OUTSIDE} THEN RAISE EXCEPTION 'not_found: decision' USING ERRCODE = 'P0001'; END IF;
      IF ${BALLOT_LATE} THEN RAISE EXCEPTION 'decision_voted: decision_ballots' USING ERRCODE = 'P0001'; END IF;
      RETURN NEW; END $$ LANGUAGE plpgsql`);
    await knex.raw("CREATE TRIGGER decision_ballots_open BEFORE INSERT ON decision_ballots FOR EACH ROW EXECUTE FUNCTION decision_ballots_open()");
    await knex.raw(`CREATE FUNCTION campaigns_decision_recognised() RETURNS trigger AS $$ BEGIN
      IF ${CAMPAIGN_UNRECOGNISED} THEN RAISE EXCEPTION 'decision_not_recognised: campaigns' USING ERRCODE = 'P0001'; END IF;
      RETURN NEW; END $$ LANGUAGE plpgsql`);
    await knex.raw("CREATE TRIGGER campaigns_decision_recognised BEFORE INSERT ON campaigns FOR EACH ROW EXECUTE FUNCTION campaigns_decision_recognised()");
  } else {
    // SQLite has no IS DISTINCT FROM before 3.39 in WHEN clauses everywhere: IS NOT does the same.
    const sqliteBad = BAD_UPDATE.replace(/IS DISTINCT FROM/g, "IS NOT");
    await knex.raw(`CREATE TRIGGER decisions_moves BEFORE UPDATE ON decisions WHEN ${sqliteBad} BEGIN SELECT RAISE(ABORT, 'invalid_transition: decisions'); END`);
    await knex.raw(`CREATE TRIGGER decision_ballots_outside BEFORE INSERT ON decision_ballots WHEN ${BALLOT_OUTSIDE} BEGIN SELECT RAISE(ABORT, 'not_found: decision'); END`);
    await knex.raw(`CREATE TRIGGER decision_ballots_open BEFORE INSERT ON decision_ballots WHEN ${BALLOT_LATE} BEGIN SELECT RAISE(ABORT, 'decision_voted: decision_ballots'); END`);
    await knex.raw(`CREATE TRIGGER campaigns_decision_recognised BEFORE INSERT ON campaigns WHEN ${CAMPAIGN_UNRECOGNISED} BEGIN SELECT RAISE(ABORT, 'decision_not_recognised: campaigns'); END`);
  }
}

export async function down(knex: Knex): Promise<void> {
  if (isPg(knex)) {
    await knex.raw("DROP TRIGGER IF EXISTS campaigns_decision_recognised ON campaigns");
    await knex.raw("DROP FUNCTION IF EXISTS campaigns_decision_recognised()");
  } else {
    await knex.raw("DROP TRIGGER IF EXISTS campaigns_decision_recognised");
  }
  for (const table of ["works", "campaigns"]) await knex.raw(`ALTER TABLE ${table} DROP COLUMN decision_id`);
  for (const t of ["reductions", "household_activity", "decision_settings", "decision_transitions", "decision_ballots", "decisions"]) await knex.schema.dropTableIfExists(t);
  if (isPg(knex)) for (const f of ["decisions_moves", "decision_ballots_open"]) await knex.raw(`DROP FUNCTION IF EXISTS ${f}()`);
}
