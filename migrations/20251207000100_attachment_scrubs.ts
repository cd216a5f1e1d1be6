import type { Knex } from "knex";
import { isPg } from "./lib/triggers";

// Images are now re-encoded without their metadata (EXIF with GPS, XMP, IPTC, ICC, comments) when
// uploaded. Those stored before kept theirs: this lists each image attachment already stored as
// pending in attachment_scrubs; at start-up the server re-encodes each pending file, stores the clean
// copy under its own hash, fills in that row (sha256, size, when), and deletes the old file.
// attachments stays append-only: a scrub row says which bytes now stand for an attachment, and the
// queries read those. A scrub row is filled in once and never changed after, nor deleted.
// Same SQL on both engines. Runs in a transaction. Reversible only while nothing has been scrubbed:
// afterwards the original files are gone, and down refuses.

const IMAGES = ["image/jpeg", "image/png", "image/webp"];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("attachment_scrubs", (t) => {
    t.integer("attachment_id").primary().references("id").inTable("attachments");
    t.string("sha256", 64); // null: still pending
    t.integer("size");
    t.string("scrubbed_at", 30);
    t.check("(?? IS NULL AND ?? IS NULL AND ?? IS NULL) OR (?? IS NOT NULL AND ?? IS NOT NULL AND ?? IS NOT NULL)", ["sha256", "size", "scrubbed_at", "sha256", "size", "scrubbed_at"], "attachment_scrubs_filled_together");
  });
  if (isPg(knex)) {
    await knex.raw(`CREATE OR REPLACE FUNCTION attachment_scrubs_once() RETURNS trigger AS $$
      BEGIN
        IF TG_OP = 'DELETE' OR OLD.sha256 IS NOT NULL OR NEW.attachment_id <> OLD.attachment_id THEN
          RAISE EXCEPTION 'append_only: attachment_scrubs' USING ERRCODE = 'P0001';
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await knex.raw("CREATE TRIGGER attachment_scrubs_once BEFORE UPDATE OR DELETE ON attachment_scrubs FOR EACH ROW EXECUTE FUNCTION attachment_scrubs_once()");
  } else {
    await knex.raw(`CREATE TRIGGER attachment_scrubs_once BEFORE UPDATE ON attachment_scrubs
      WHEN OLD.sha256 IS NOT NULL OR NEW.attachment_id <> OLD.attachment_id
      BEGIN SELECT RAISE(ABORT, 'append_only: attachment_scrubs'); END`);
    await knex.raw(`CREATE TRIGGER attachment_scrubs_no_delete BEFORE DELETE ON attachment_scrubs
      BEGIN SELECT RAISE(ABORT, 'append_only: attachment_scrubs'); END`);
  }
  await knex.raw(
    `INSERT INTO attachment_scrubs (attachment_id) SELECT id FROM attachments WHERE mime IN (${IMAGES.map(() => "?").join(", ")}) ORDER BY id`,
    IMAGES,
  );
}

export async function down(knex: Knex): Promise<void> {
  const done = await knex("attachment_scrubs").whereNotNull("sha256").first();
  if (done) throw new Error("attachment_scrubs: images were re-encoded and their originals deleted; this cannot be undone");
  await knex.schema.dropTableIfExists("attachment_scrubs");
  if (isPg(knex)) await knex.raw("DROP FUNCTION IF EXISTS attachment_scrubs_once()");
}
