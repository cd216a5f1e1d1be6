import { expect } from "chai";
import { recordFinding, recordInspection, moveFinding, moveInspection } from "../../src/supervision";
import { testApp } from "../helpers/app";
import { world } from "../helpers/given";
import { decision } from "../decisions/given";
import { cash, fixtureActor, fixtureAttachment, fixtureConsultation, householdWithPin, work } from "../helpers/given-works";
import { moneyedHamlet } from "../publication/helpers";

// A hamlet holding everything an export shows and everything it must not: works in several states
// (a road funded by a campaign and the commune's budget, completed; a proposal; a cancelled one),
// posted vouchers and a draft one, a consultation with an opinion, a published inspection with
// findings (one overdue) and a draft one, a progress photo, a published contribution list and work
// statement, and, after them, a receipt and a draft list no one has published yet. Hamlet B, beside
// it, has a work of its own.

export const DRAFT_ONLY_AMOUNT = "777777";

export async function openDataHamlet() {
  const t = await testApp({ env: { OC4IDS_PREFIX: "oc4ids-test01-" } });
  const w = await world(t, { only: ["treasurerA", "headA", "inspector", "treasurerB"] });
  const unit = await t.db("units").where({ id: w.hamletA }).first();
  const U = `/units/${w.hamletA}`;
  const ok = (r: { status: number; body: unknown }, status = 201) => expect(r.status, JSON.stringify(r.body)).to.equal(status);
  const treasurer = t.as(w.treasurerA.token);
  const head = t.as(w.headA.token);

  const m = await moneyedHamlet(t, w);
  const campaignId = m.campaignId;
  await cash(t, w.hamletA, "100000000");
  const resident = await householdWithPin(t, w.hamletA, "DT-050");

  // the road: the campaign and the commune's budget pay for it; residents are consulted; the meeting decides
  const road = await work(t, w, { funding: [{ source: "community", amount: "50000000", campaignId }, { source: "commune", amount: "30000000" }] });
  const consultation = await fixtureConsultation(t, w, w.hamletA, road.id);
  ok(await t.as().post(`/public/consultations/${consultation.id}/opinions`, { householdCode: resident.code, pin: resident.pin, choice: "agree" }));
  const decided = await decision(t, w.hamletA, { subject: "work_investment", title: "Đầu tư đường bê tông xóm 3" });
  ok(await head.post(`${U}/works/${road.id}/transitions`, { to: "approved", decisionId: decided.id, date: "2025-06-05" }), 200);
  ok(await head.post(`${U}/works/${road.id}/transitions`, { to: "in_progress", date: "2025-06-06" }), 200);
  const pay = (category: string, amount: string, payee: string, description: string, method: string) =>
    treasurer.post(`${U}/works/${road.id}/expenses`, { category, amount, date: "2025-06-08", payee, description, method });
  ok(await pay("materials", "4800000", "Cửa hàng VLXD Minh Phát", "Xi măng PCB40, 60 bao", "cash"));
  ok(await pay("labour", "3500000", "Tổ thợ ông Đặng Văn Tâm", "Nhân công đổ bê tông đợt 1", "cash"));
  const big = await pay("materials", "42000000", "Công ty TNHH Đá Sông Lam", "Đá 1x2 và cát vàng, đợt 1", "payable");
  ok(big);
  ok(await head.post(`${U}/expenses/${big.body.id}/approve`), 200);
  const draftExpense = await pay("labour", "6500000", "Hợp tác xã Tân Tiến", "Thuê máy trộn bê tông (chờ trưởng thôn duyệt)", "payable");
  ok(draftExpense);
  expect(draftExpense.body.status).to.equal("draft");

  // progress with a photo, then the road is finished
  const photo = await fixtureAttachment(t, w, w.hamletA, 1);
  ok(await treasurer.post(`${U}/works/${road.id}/progress`, { date: "2025-06-10", percent: 40, note: "Đã đổ xong 180 m" }));
  ok(await treasurer.post(`${U}/works/${road.id}/progress`, { date: "2025-06-14", percent: 100, note: "Đã đổ xong toàn tuyến", photos: [photo.id] }));
  ok(await head.post(`${U}/works/${road.id}/transitions`, { to: "completed", date: "2025-06-15", note: "Hoàn thành" }), 200);

  // the board: a published inspection with an overdue open finding and an answered one; a draft inspection
  const actor = fixtureActor(t, w);
  const finding = (inspectionId: number, description: string, dueDate: string) =>
    t.db.transaction((trx) => recordFinding(trx, actor, w.board, inspectionId, { category: "chất lượng", severity: "minor", description, recommendation: "Khắc phục và báo cáo Ban", addressedTo: "Trưởng thôn", dueDate }));
  const inspection = await t.db.transaction((trx) => recordInspection(trx, actor, w.board, { subject: { workId: road.id }, date: "2025-06-09", membersPresent: [w.inspector.id], checklist: [{ item: "materials", result: "issue", note: "Một lô đá lẫn đất" }] }));
  await finding(inspection.id, "Chưa niêm yết dự toán tại nhà văn hóa", "2025-06-12");
  const answered = await finding(inspection.id, "Một lô đá 1x2 lẫn đất", "2025-07-15");
  await t.db.transaction((trx) => moveFinding(trx, actor, answered.id, { to: "answered", text: "Đã trả lại lô đá" }));
  await t.db.transaction((trx) => moveInspection(trx, actor, w.board, inspection.id, "filed"));
  await t.db.transaction((trx) => moveInspection(trx, actor, w.board, inspection.id, "published"));
  const draftInspection = await t.db.transaction((trx) => recordInspection(trx, actor, w.board, { subject: { workId: road.id }, date: "2025-06-14", membersPresent: [w.inspector.id], checklist: [] }));
  await finding(draftInspection.id, "Phiếu chi thiếu chữ ký người nhận (biên bản chưa nộp)", "2025-06-30");

  // two more works: one proposed, one cancelled; and one in hamlet B
  const proposal = await work(t, w, { name: "Nạo vét kênh mương nội đồng", category: "thủy lợi", estimate: [{ category: "labour", amount: "15000000" }], funding: [{ source: "commune", amount: "15000000" }] });
  const dropped = await work(t, w, { name: "Sửa chữa cổng làng", category: "khác", estimate: [{ category: "materials", amount: "8000000" }], funding: [{ source: "sponsor", amount: "8000000" }] });
  ok(await head.post(`${U}/works/${dropped.id}/transitions`, { to: "cancelled", date: "2025-06-14", note: "Nhà tài trợ rút" }), 200);
  await work(t, w, { name: "Công trình riêng của thôn B" }, w.hamletB, w.treasurerB.token);

  // the published statements: the campaign's contribution list and the road's statement
  const publish = async (statement: object) => {
    const d = await treasurer.post(`${U}/publications`, { statement, places: ["culture_house"], postedFrom: "2025-06-16", postedUntil: "2025-07-16" });
    ok(d);
    const a = await head.post(`${U}/publications/${d.body.id}/approve`);
    ok(a, 200);
    return a.body as { id: number; code: string };
  };
  const list = await publish({ kind: "contribution-list", params: { campaignId } });
  const settlement = await publish({ kind: "work-settlement", params: { workId: road.id } });
  const minutes = await publish({ kind: "inspection-minutes", params: { inspectionId: inspection.id } });

  // after publishing: a receipt no list has shown, and a new list drafted but not approved
  ok(await treasurer.post(`${U}/contributions`, { householdId: m.households[1].id, campaignId, amount: DRAFT_ONLY_AMOUNT, date: "2025-06-15", method: "cash" }));
  ok(await treasurer.post(`${U}/publications`, { statement: { kind: "contribution-list", params: { campaignId } }, places: ["culture_house"], postedFrom: "2025-06-17", postedUntil: "2025-07-17" }));

  // what must never come out: phones, PINs and their hashes, a draft voucher, an unpublished inspection's finding, hamlet B's work
  const secrets: string[] = [resident.pin, "Công trình riêng của thôn B", "Phiếu chi thiếu chữ ký người nhận", "Thuê máy trộn bê tông"];
  for (const r of await t.db("households").select("phone", "pin_hash")) secrets.push(...[r.phone, r.pin_hash].filter(Boolean));
  expect(secrets).to.include("0912345678");

  return { t, w, unit, road, campaignId, photo, proposal, dropped, list, settlement, minutes, secrets, paidBefore: m.paid };
}
