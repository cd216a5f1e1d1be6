import type { Knex } from "knex";
import { fromDb } from "../src/shared/money";
import { Actor, Role, systemActor, Throttle } from "../src/identity";
import { registerHousehold } from "../src/contributions";
import { issuePin } from "../src/contributions/service";
import { approveExpense, giveOpinion, moveWork, openConsultation, proposeWork, publishResponse, recordExpense, recordProgress, writeResponse } from "../src/works";
import { moveFinding, moveInspection, oversight, recordFinding, recordInspection } from "../src/supervision";
import { addDays, localDate } from "../src/shared/dates";
import { recognisedDecision } from "./demo-decisions";

// Demo works and their supervision: a road being built in Đồng Tâm (funded by the hamlet's road
// campaign) after a closed consultation in favour, with vouchers (one still a draft), progress, a
// published inspection with findings in every status (one overdue) and a draft inspection; a
// proposed hall repair in Tân Phú.
// Dates follow the day the demo is loaded, so "overdue" stays overdue.

/** The demo user as an actor (the seed acts as each person would, so every rule applies). */
export async function as(trx: Knex.Transaction, username: string, at: string): Promise<Actor> {
  const u = await trx("users").where({ username }).first();
  const grants = await trx("grants").where({ user_id: u.id });
  const scopes = [];
  for (const g of grants) {
    if (g.board_id) {
      for (const bu of await trx("board_units").join("units", "units.id", "board_units.unit_id").select("units.id", "units.path").where("board_units.board_id", g.board_id)) {
        scopes.push({ role: g.role as Role, unitId: bu.id, path: bu.path, boardId: g.board_id });
      }
    } else scopes.push({ role: g.role as Role, unitId: g.unit_id, path: (await trx("units").where({ id: g.unit_id }).first()).path });
  }
  return { ...systemActor(at, "demo-seed"), userId: u.id, username, displayName: u.display_name, scopes };
}

export async function seedWorks(trx: Knex.Transaction, opts: { at: string; scryptCost: number }, ids: { dongTam: number; tanPhu: number; board: number; roadCampaign: number }) {
  const day = localDate(new Date(opts.at));
  const instant = (d: string, h = 2) => `${d}T0${h}:00:00.000Z`;
  const treasurer = await as(trx, "dt.thuquy", opts.at);
  const head = await as(trx, "dt.truongthon", opts.at);
  const inspector = await as(trx, "gs.thanhvien", opts.at);
  const at = (a: Actor, d: string) => ({ ...a, at: instant(d) });

  const road = await proposeWork(trx, at(treasurer, addDays(day, -75)), ids.dongTam, {
    name: "Bê tông hóa đường xóm 3",
    location: "Xóm 3, thôn Đồng Tâm (từ nhà văn hóa đến cầu Khe)",
    category: "giao thông",
    description: "Đổ bê tông 450 m đường, rộng 3 m, dày 18 cm",
    estimate: [{ category: "materials", amount: "180000000" }, { category: "labour", amount: "60000000" }, { category: "machinery", amount: "25000000" }],
    // the hamlet's road campaign funds it: what the campaign collects is the road's money raised
    funding: [{ source: "community", amount: "120000000", campaignId: ids.roadCampaign }, { source: "commune", amount: "100000000" }, { source: "in_kind", amount: "45000000" }],
    contractor: null,
    plannedStart: addDays(day, -40),
    plannedEnd: addDays(day, 30),
  });
  const consultation = await openConsultation(trx, at(treasurer, addDays(day, -70)), ids.dongTam, road.id, {
    question: "Bà con có đồng ý phương án bê tông hóa đường xóm 3 (dự toán 265 triệu đồng) không?",
    opensAt: instant(addDays(day, -70)),
    closesAt: instant(addDays(day, -55)),
  });
  // Ten households answer with their PINs (issued here and not kept: staff issue new ones on request).
  const throttles = { byHousehold: new Throttle({ now: () => new Date(opts.at) }, 1000, 60_000), byAddress: new Throttle({ now: () => new Date(opts.at) }, 1000, 60_000) };
  const households = await trx("households").where({ unit_id: ids.dongTam }).orderBy("code").limit(10);
  for (const [i, h] of households.entries()) {
    const { pin } = await issuePin(trx, at(treasurer, addDays(day, -71)), ids.dongTam, h.id, opts.scryptCost);
    const resident = { ...systemActor(instant(addDays(day, -65 + i)), "resident"), userId: null, username: null, displayName: null, scopes: [], ip: "127.0.0.1" };
    await giveOpinion(trx as unknown as Knex, resident, throttles, consultation.id, { householdCode: h.code, pin, choice: i < 8 ? "agree" : i === 8 ? "disagree" : "abstain", comment: i === 8 ? "Nên làm rãnh thoát nước trước" : undefined });
  }
  // The hamlet's response to the opinions, published before the road is approved (law.md L10).
  await writeResponse(trx, at(head, addDays(day, -54)), ids.dongTam, road.id, consultation.id, {
    summary: "Ban điều hành thôn Đồng Tâm cảm ơn bà con đã cho ý kiến: 8/10 hộ đồng ý phương án. Ý kiến về thoát nước được tiếp thu vào thiết kế.",
    items: [
      { topic: "Làm rãnh thoát nước trước khi đổ bê tông", takenUp: true, reason: "Bổ sung rãnh thoát nước bên phải tuyến, thi công cùng đợt 1" },
    ],
  });
  await publishResponse(trx, at(head, addDays(day, -54)), ids.dongTam, road.id, consultation.id);
  // The residents pay for the road: it is approved on the hamlet meeting's decision, recognised by the commune.
  const total = Number((await trx("households").where({ unit_id: ids.dongTam, is_active: true }).count({ n: "*" }))[0].n);
  const commune = await as(trx, "xa.admin", opts.at);
  const decisionId = await recognisedDecision(trx, { treasurer: at(treasurer, addDays(day, -52)), head: at(head, addDays(day, -52)), commune: at(commune, addDays(day, -51)) }, ids.dongTam, {
    title: "Đầu tư bê tông hóa đường xóm 3 (dự toán 265 triệu đồng, dân góp 120 triệu đồng và ngày công)",
    subject: "work_investment", heldOn: addDays(day, -52), present: total - 8, agree: total - 14, disagree: 4,
  });
  await moveWork(trx, at(head, addDays(day, -50)), ids.dongTam, road.id, { to: "approved", date: addDays(day, -50), note: "Họp thôn đồng ý; lấy ý kiến: 8/10 hộ đồng ý", decisionId }, oversight);
  await moveWork(trx, at(head, addDays(day, -40)), ids.dongTam, road.id, { to: "in_progress", date: addDays(day, -40) }, oversight);
  await recordProgress(trx, at(treasurer, addDays(day, -20)), ids.dongTam, road.id, { date: addDays(day, -20), percent: 40, note: "Đã đổ xong 180 m" });
  const pay = (category: "materials" | "labour" | "machinery", amount: string, d: number, payee: string, description: string, method: "cash" | "bank" | "payable") =>
    recordExpense(trx, at(treasurer, addDays(day, d)), ids.dongTam, road.id, { category, amount: fromDb(amount), date: addDays(day, d), payee, description, method });
  await pay("materials", "4800000", -38, "Cửa hàng VLXD Minh Phát", "Xi măng PCB40, 60 bao", "cash");
  await pay("labour", "3500000", -30, "Tổ thợ ông Đặng Văn Tâm", "Nhân công đổ bê tông đợt 1", "cash");
  const big = await pay("materials", "42000000", -28, "Công ty TNHH Đá Sông Lam", "Đá 1x2 và cát vàng, đợt 1", "payable");
  await approveExpense(trx, at(head, addDays(day, -27)), ids.dongTam, big.id);
  await pay("machinery", "6500000", -3, "Hợp tác xã Tân Tiến", "Thuê máy trộn bê tông (chờ trưởng thôn duyệt)", "payable"); // stays a draft

  // The board's inspections of the road: one published with findings in every status, one a draft.
  const member = inspector.userId!;
  const published = await recordInspection(trx, at(inspector, addDays(day, -25)), ids.board, {
    subject: { workId: road.id },
    date: addDays(day, -25),
    membersPresent: [member],
    checklist: [
      { item: "design", result: "ok" },
      { item: "progress", result: "ok" },
      { item: "materials", result: "issue", note: "Một lô đá lẫn đất" },
      { item: "costs_disclosure", result: "issue", note: "Chưa niêm yết dự toán tại nhà văn hóa" },
      { item: "environment", result: "ok" },
      { item: "land_clearance", result: "not_checked" },
    ],
  });
  const find = (severity: "minor" | "major" | "observation", category: string, description: string, due: number) =>
    recordFinding(trx, at(inspector, addDays(day, -25)), ids.board, published.id, { category, severity, description, recommendation: "Khắc phục và báo cáo Ban", addressedTo: "Trưởng thôn Đồng Tâm", dueDate: addDays(day, due) });
  await find("major", "công khai", "Chưa niêm yết dự toán và danh sách đóng góp tại nhà văn hóa", -5); // open and overdue
  const answered = await find("minor", "chất lượng", "Một lô đá 1x2 lẫn đất", 10);
  const resolved = await find("observation", "an toàn", "Thiếu biển báo thi công ở đầu đường", -10);
  const escalated = await find("major", "đất đai", "Hộ DT-015 chưa đồng ý hiến 12 m² đất", 20);
  await moveFinding(trx, at(head, addDays(day, -15)), answered.id, { to: "answered", text: "Đã trả lại lô đá cho nhà cung cấp" });
  await moveFinding(trx, at(inspector, addDays(day, -12)), resolved.id, { to: "resolved", text: "Đã có biển báo" });
  await moveFinding(trx, at(inspector, addDays(day, -10)), escalated.id, { to: "escalated", text: "Đề nghị UBND xã vận động", escalatedTo: "commune" });
  await moveInspection(trx, at(inspector, addDays(day, -24)), ids.board, published.id, "filed");
  await moveInspection(trx, at(inspector, addDays(day, -22)), ids.board, published.id, "published");
  const draft = await recordInspection(trx, at(inspector, addDays(day, -2)), ids.board, { subject: { unitId: ids.dongTam }, date: addDays(day, -2), membersPresent: [member], checklist: [{ item: "costs_disclosure", result: "issue" }] });
  await recordFinding(trx, at(inspector, addDays(day, -2)), ids.board, draft.id, { category: "chứng từ", severity: "minor", description: "Phiếu chi thiếu chữ ký người nhận (biên bản chưa nộp)", recommendation: "Bổ sung chữ ký", addressedTo: "Thủ quỹ thôn Đồng Tâm", dueDate: addDays(day, 14) });

  const tpTreasurer = await as(trx, "tp.thuquy", opts.at);
  await proposeWork(trx, at(tpTreasurer, addDays(day, -5)), ids.tanPhu, {
    name: "Sửa chữa nhà văn hóa thôn Tân Phú",
    location: "Nhà văn hóa thôn Tân Phú",
    category: "nhà văn hóa",
    estimate: [{ category: "materials", amount: "35000000" }, { category: "labour", amount: "12000000" }],
    funding: [{ source: "community", amount: "30000000" }, { source: "sponsor", amount: "17000000" }],
    contractor: "Đội xây dựng Hòa Bình",
    plannedStart: addDays(day, 20),
    plannedEnd: addDays(day, 80),
  });
  void registerHousehold;
}
