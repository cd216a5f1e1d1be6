import { expect } from "chai";
import { fromDb, negate } from "../../src/shared/money";
import { issuePinForTests } from "./pins";
import { Actor, systemActor } from "../../src/identity";
import { postEntries } from "../../src/ledger";
import { openConsultation, proposeWork, recordExpense, storeAttachment } from "../../src/works";
import { recordFinding, recordInspection } from "../../src/supervision";
import type { TestApp } from "./app";
import type { World } from "./given";

// Builders for works and supervision. Through the API where a test is about the API; through the
// services (as an actor holding every role everywhere) where a fixture only needs to exist.

/** Treasurer, head and inspector of the world's board, everywhere: for fixtures, never for the thing under test. */
export function fixtureActor(t: TestApp, w: Pick<World, "hamletA" | "board">): Actor {
  const base = systemActor(t.clock.now().toISOString(), "test");
  return {
    ...base,
    scopes: [
      { role: "admin", unitId: null, path: "/" },
      { role: "treasurer", unitId: null, path: "/" },
      { role: "head", unitId: null, path: "/" },
      { role: "inspector", unitId: w.hamletA, path: "/", boardId: w.board },
    ],
  };
}

export const workBody = (extra: Record<string, unknown> = {}) => ({
  name: "Đường bê tông xóm 3",
  location: "Xóm 3, thôn Đồng Tâm",
  category: "giao thông",
  estimate: [
    { category: "materials", amount: "60000000" },
    { category: "labour", amount: "20000000" },
  ],
  funding: [
    { source: "community", amount: "50000000" },
    { source: "commune", amount: "30000000" },
  ],
  plannedStart: "2025-07-01",
  plannedEnd: "2025-09-30",
  ...extra,
});

export async function work(t: TestApp, w: Pick<World, "hamletA" | "treasurerA">, extra: Record<string, unknown> = {}, unitId = w.hamletA, token = w.treasurerA.token) {
  const r = await t.as(token).post(`/units/${unitId}/works`, workBody(extra));
  expect(r.status, JSON.stringify(r.body)).to.equal(201);
  return r.body as { id: number; number: number; accounts: { category: string; code: string }[] };
}

/** Money in the unit's cash (Dr 111 / Cr 338), so that payments can be posted. */
export async function cash(t: TestApp, unitId: number, amount: string, date = "2025-01-02") {
  const actor = systemActor(t.clock.now().toISOString(), "test");
  await t.db.transaction((trx) =>
    postEntries(trx, actor, unitId, [{ date, kind: "adjustment", description: "Tiền quỹ", postings: [{ account: "111", amount: fromDb(amount) }, { account: "338", amount: negate(fromDb(amount)) }] }]),
  );
}

export async function fixtureWork(t: TestApp, w: Pick<World, "hamletA" | "board">, unitId: number, n: number) {
  return t.db.transaction((trx) => proposeWork(trx, fixtureActor(t, w), unitId, { ...workBody({ name: `Công trình ${n}` }), estimate: [{ category: "materials", amount: "10000000" }], funding: [] } as any));
}

export async function fixtureDraft(t: TestApp, w: Pick<World, "hamletA" | "board">, unitId: number, workId: number) {
  return t.db.transaction((trx) =>
    recordExpense(trx, fixtureActor(t, w), unitId, workId, { category: "materials", amount: fromDb("6000000"), date: "2025-06-01", payee: "Cửa hàng VLXD", description: "Xi măng", method: "payable" }),
  );
}

/** A real 1×1 PNG: images are decoded and re-encoded when stored, so a fixture must be a picture. */
export const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
/** What looks like a PNG by its first bytes but is no picture. */
export const FAKE_PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("0000000dIHDR-not-a-real-image-but-png-magic")]);

export async function fixtureAttachment(t: TestApp, w: Pick<World, "hamletA" | "board">, unitId: number, n = 0) {
  return t.db.transaction((trx) =>
    storeAttachment(trx, fixtureActor(t, w), unitId, { bytes: Buffer.concat([PNG, Buffer.from(`#${n}`)]), filename: "anh.png", declaredType: "image/png" }, t.config.filesDir),
  );
}

export async function fixtureConsultation(t: TestApp, w: Pick<World, "hamletA" | "board">, unitId: number, workId: number, documents: number[] = []) {
  return t.db.transaction((trx) =>
    openConsultation(trx, fixtureActor(t, w), unitId, workId, { question: "Đồng ý làm đường?", documents, opensAt: "2025-06-01T00:00:00Z", closesAt: "2025-06-30T00:00:00Z" }),
  );
}

/** A household with a PIN in `unitId` (returns its code and PIN). */
export async function householdWithPin(t: TestApp, unitId: number, code: string) {
  return issuePinForTests(t, unitId, code);
}

export async function fixtureInspection(t: TestApp, w: Pick<World, "hamletA" | "board" | "inspector">, subject: { workId: number } | { unitId: number }) {
  return t.db.transaction((trx) => recordInspection(trx, fixtureActor(t, w), w.board, { subject, date: "2025-06-10", membersPresent: [w.inspector.id], checklist: [] }));
}

export async function fixtureFinding(t: TestApp, w: Pick<World, "hamletA" | "board">, inspectionId: number, severity: "observation" | "minor" | "major" | "critical" = "minor", dueDate = "2025-07-15") {
  return t.db.transaction((trx) =>
    recordFinding(trx, fixtureActor(t, w), w.board, inspectionId, { category: "chất lượng", severity, description: "Bê tông thiếu độ dày", recommendation: "Đổ bù", addressedTo: "Trưởng thôn", dueDate }),
  );
}
