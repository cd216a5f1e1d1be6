import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { anonymous } from "../../src/identity";
import { storeAttachment } from "../../src/works";
import { testApp } from "../helpers/app";
import { world } from "../helpers/given";
import { PNG, work } from "../helpers/given-works";
import { refused } from "../helpers/refused";

// Who may store a file is decided where it is stored (works), once: the unit's uploaders, or a caller
// with a stated reason. A resident sending a photo for feedback on a work is such a reason; nobody
// fabricates a role for them.

const PDF = Buffer.from("%PDF-1.4\n%âãÏÓ\n");

async function setUp() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cfl-reasons-"));
  const t = await testApp({ env: { FILES_DIR: dir } });
  const w = await world(t, { only: ["treasurerA"] });
  const a = await work(t, w);
  const resident = anonymous("req-1", "203.0.113.9", t.clock.now().toISOString());
  const store = (unitId: number, bytes: Buffer, why?: Parameters<typeof storeAttachment>[5]) =>
    t.db.transaction((trx) => storeAttachment(trx, resident, unitId, { bytes, filename: "anh.png", declaredType: "image/png" }, dir, why));
  return { t, w, a, dir, store };
}

describe("works: storing a file takes the real caller and, for a resident, a stated reason", () => {
  it("when an anonymous caller stores a file without a reason, then it is refused and nothing is written", async () => {
    const { t, w, dir, store } = await setUp();
    await refused(t, () => store(w.hamletA, PNG), 404, "not_found");
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("when a resident's reason names a work of another unit, or the file is a PDF, then it is refused and nothing is written", async () => {
    const { t, w, a, dir, store } = await setUp();
    await refused(t, () => store(w.hamletB, PNG, { reason: "resident_feedback", workId: a.id }), 404, "not_found");
    await refused(t, () => store(w.hamletA, PDF, { reason: "resident_feedback", workId: a.id }), 415, "unsupported_file_type");
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("when a resident stores a photo for feedback on a work, then it is kept in the work's unit with no user behind it, named as a resident", async () => {
    const { t, w, a, dir, store } = await setUp();
    const att = await store(w.hamletA, PNG, { reason: "resident_feedback", workId: a.id });
    expect(att).to.deep.include({ unitId: w.hamletA, mime: "image/png" });
    const row = await t.db("attachments").where({ id: att.id }).first();
    expect(row).to.deep.include({ uploaded_by: null, uploaded_by_name: "Người dân (phản ánh)" });
    const audit = await t.db("audit_events").where({ action: "attachment.uploaded", entity_id: String(att.id) }).first();
    expect(audit).to.deep.include({ actor_id: null, actor_name: "Người dân (phản ánh)", unit_id: w.hamletA });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
