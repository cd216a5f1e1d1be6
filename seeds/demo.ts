import type { Knex } from "knex";
import { createBoard, createFirstAdmin, createUser, grantRole, setBoardMember, systemActor, Role } from "../src/identity";
import { setUpUnit } from "../src/modules";
import { openCampaign, recordExemption, recordInKind, recordPledge, recordReceipt, registerHousehold } from "../src/contributions";
import { openAccount } from "../src/ledger";
import { parseDong } from "../src/shared/money";
import type { Actor } from "../src/identity";
import { as, seedWorks } from "./demo-works";
import { recognisedDecision, type DecisionActors } from "./demo-decisions";
import { decisionForCampaign } from "../src/decisions";

// Demo data for clicking through (README lists the users). Goes through the services, so the
// demo obeys every rule; tests never rely on it.

export const DEMO_PASSWORD = "matkhau-demo";

export const DEMO_USERS: { username: string; displayName: string; role: Role | "installation admin"; unit?: string; board?: boolean }[] = [
  { username: "admin", displayName: "Quản trị hệ thống", role: "installation admin" },
  { username: "xa.admin", displayName: "Lê Thị Hồng (văn phòng xã)", role: "admin", unit: "tan-linh" },
  { username: "dt.thuquy", displayName: "Nguyễn Thị Mai (thủ quỹ thôn Đồng Tâm)", role: "treasurer", unit: "dong-tam" },
  { username: "dt.truongthon", displayName: "Trần Văn Bình (trưởng thôn Đồng Tâm)", role: "head", unit: "dong-tam" },
  { username: "tp.thuquy", displayName: "Phạm Thị Lan (thủ quỹ thôn Tân Phú)", role: "treasurer", unit: "tan-phu" },
  { username: "tp.truongthon", displayName: "Hoàng Văn Nam (trưởng thôn Tân Phú)", role: "head", unit: "tan-phu" },
  { username: "gs.thanhvien", displayName: "Đỗ Văn Khang (Ban Giám sát đầu tư của cộng đồng)", role: "inspector", board: true },
];

export async function seedDemo(trx: Knex.Transaction, opts: { at: string; scryptCost: number }): Promise<void> {
  const actor = systemActor(opts.at, "demo-seed");
  const province = await setUpUnit(trx, actor, { code: "an-binh", name: "Tỉnh An Bình", kind: "province" });
  const commune = await setUpUnit(trx, actor, { code: "tan-linh", name: "Xã Tân Linh", kind: "commune", parentId: province.id });
  const dongTam = await setUpUnit(trx, actor, { code: "dong-tam", name: "Thôn Đồng Tâm", kind: "hamlet", parentId: commune.id });
  const tanPhu = await setUpUnit(trx, actor, { code: "tan-phu", name: "Thôn Tân Phú", kind: "hamlet", parentId: commune.id });
  const units: Record<string, number> = { "tan-linh": commune.id, "dong-tam": dongTam.id, "tan-phu": tanPhu.id };
  const board = await createBoard(trx, actor, commune.id, {
    kind: "gsdtcd",
    name: "Ban Giám sát đầu tư của cộng đồng xã Tân Linh",
    termStart: "2024-01-01",
    termEnd: "2026-12-31",
    oversees: { unitIds: [dongTam.id, tanPhu.id] },
  });
  for (const u of DEMO_USERS) {
    if (u.role === "installation admin") {
      if (!(await trx("users").where({ username: u.username }).first())) {
        await createFirstAdmin(trx, actor, { username: u.username, displayName: u.displayName, password: DEMO_PASSWORD }, opts.scryptCost);
      }
      continue;
    }
    const user = await createUser(trx, actor, { username: u.username, displayName: u.displayName, password: DEMO_PASSWORD }, opts.scryptCost);
    await grantRole(trx, actor, user.id, u.board ? { role: u.role, boardId: board.id } : { role: u.role, unitId: units[u.unit!] });
  }
  await seedBoardMembers(trx, actor, board.id, opts.scryptCost);
  const decide = async (prefix: string): Promise<DecisionActors> => ({
    treasurer: await as(trx, `${prefix}.thuquy`, opts.at), head: await as(trx, `${prefix}.truongthon`, opts.at), commune: await as(trx, "xa.admin", opts.at),
  });
  const dt = await seedHamlet(trx, actor, dongTam.id, "DT", 1, await decide("dt"));
  await seedHamlet(trx, actor, tanPhu.id, "TP", 2, await decide("tp"));
  await seedWorks(trx, opts, { dongTam: dongTam.id, tanPhu: tanPhu.id, board: board.id, roadCampaign: dt.road });
}

/** The board's other members (README lists them with the users above). */
export const DEMO_BOARD_MEMBERS = [
  { username: "gs.truongban", displayName: "Vũ Văn Tiến (Trưởng ban, đại diện MTTQ xã)", role: "chair", frontRepresentative: true },
  { username: "gs.phoban", displayName: "Bùi Thị Thu (Phó Trưởng ban)", role: "vice_chair", frontRepresentative: false },
  { username: "gs.dongtam", displayName: "Hà Văn Long (đại diện thôn Đồng Tâm)", role: "member", frontRepresentative: false },
  { username: "gs.tanphu", displayName: "Lò Thị Xuân (đại diện thôn Tân Phú)", role: "member", frontRepresentative: false },
] as const;

/**
 * The board as the law makes it (law.md L12): five members, a chair who represents the commune's
 * Fatherland Front, a vice chair, and the demo inspector among the members, so the demo is not flagged.
 */
async function seedBoardMembers(trx: Knex.Transaction, actor: Actor, boardId: number, scryptCost: number): Promise<void> {
  const inspector = await trx("users").where({ username: "gs.thanhvien" }).first("id");
  await setBoardMember(trx, actor, boardId, { userId: inspector.id, role: "member", frontRepresentative: false });
  for (const m of DEMO_BOARD_MEMBERS) {
    const user = await createUser(trx, actor, { username: m.username, displayName: m.displayName, password: DEMO_PASSWORD }, scryptCost);
    await setBoardMember(trx, actor, boardId, { userId: user.id, role: m.role, frontRepresentative: m.frontRepresentative });
  }
}

// A small deterministic generator: the same demo every time (no Math.random).
function prng(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Lò", "Hà"];
const MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Hữu", "Thị Thu", "Quang", "Ngọc"];
const GIVEN = ["Hường", "Đức", "Bình", "Lan", "Mai", "Hùng", "Nga", "Phúc", "Tâm", "Thảo", "Dũng", "Hòa", "Sơn", "Yến", "Khánh", "Tuấn", "Liên", "Quý", "Thắng", "Hạnh"];

/** About 80 households and two campaigns with receipts, pledges, exemptions and in-kind gifts. */
/** Returns the ids of its road campaign (which funds the hamlet's road work) and its hall campaign. */
async function seedHamlet(trx: Knex.Transaction, actor: Actor, unitId: number, prefix: string, seed: number, who: DecisionActors): Promise<{ road: number; hall: number }> {
  const rnd = prng(seed);
  const pick = <T>(a: T[]) => a[Math.floor(rnd() * a.length)];
  const households = [];
  const n = 78 + seed * 2;
  for (let i = 1; i <= n; i++) {
    const r = rnd();
    const category = r < 0.06 ? "poor" : r < 0.1 ? "near_poor" : r < 0.13 ? "policy" : "normal";
    households.push(
      // in the register since before the meetings of 2025, so the decisions count them
      await registerHousehold(trx, { ...actor, at: "2025-01-02T01:00:00.000Z" }, unitId, {
        code: `${prefix}-${String(i).padStart(3, "0")}`,
        headName: `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)}`,
        address: `Xóm ${1 + Math.floor(rnd() * 4)}, thôn ${prefix === "DT" ? "Đồng Tâm" : "Tân Phú"}`,
        members: 2 + Math.floor(rnd() * 6),
        category: category as "poor" | "near_poor" | "policy" | "normal",
        phone: `09${String(Math.floor(rnd() * 1e8)).padStart(8, "0")}`,
      }),
    );
  }
  // Two funds, each raised by its own campaign: the receipts-and-payments statement covers every
  // fund of the hamlet, or one (fund=411).
  await openAccount(trx, actor, unitId, { code: "411", name: "Quỹ giao thông nông thôn", type: "net_assets" });
  await openAccount(trx, actor, unitId, { code: "413", name: "Quỹ nhà văn hóa", type: "net_assets" });
  // Each campaign rests on the hamlet meeting's decision, recognised by the commune.
  const at = (a: Actor, day: string) => ({ ...a, at: `${day}T03:00:00.000Z` });
  const on = (day: string, recognisedOn: string): DecisionActors => ({ treasurer: at(who.treasurer, day), head: at(who.head, day), commune: at(who.commune, recognisedOn) });
  const roadDecision = await recognisedDecision(trx, on("2025-01-12", "2025-01-16"), unitId, {
    title: "Mức đóng góp bê tông hóa đường trục thôn năm 2025: 1.000.000 đồng/hộ, miễn hộ nghèo", subject: "contribution_policy", heldOn: "2025-01-12", present: n - 6, agree: n - 12, disagree: 4,
  });
  const hallDecision = await recognisedDecision(trx, on("2025-05-20", "2025-05-23"), unitId, {
    title: "Mức đóng góp sửa chữa nhà văn hóa thôn: 100.000 đồng/khẩu", subject: "contribution_policy", heldOn: "2025-05-20", present: n - 3, agree: n - 9, disagree: 5,
  });
  const road = await openCampaign(trx, actor, unitId, {
    name: "Bê tông hóa đường trục thôn năm 2025",
    purpose: "Đổ bê tông 1,2 km đường trục chính của thôn, rộng 3 m",
    decisionId: roadDecision,
    level: { amount: "1000000", per: "household" },
    exemptCategories: ["poor"],
    inKindValues: { labour: "250000" },
    startDate: "2025-02-01",
    endDate: "2025-10-31",
    target: String(n * 1_000_000),
    fundAccount: "411",
  }, decisionForCampaign);
  const hall = await openCampaign(trx, actor, unitId, {
    name: "Sửa chữa nhà văn hóa thôn",
    purpose: "Thay mái tôn và sơn lại nhà văn hóa",
    decisionId: hallDecision,
    level: { amount: "100000", per: "person" },
    startDate: "2025-06-01",
    fundAccount: "413",
  }, decisionForCampaign);
  for (const [i, h] of households.entries()) {
    const day = (month: number) => `2025-${String(month).padStart(2, "0")}-${String(1 + Math.floor(rnd() * 27)).padStart(2, "0")}`;
    if (h.category === "poor") continue; // exempt from the road campaign by category
    const r = rnd();
    if (h.category === "near_poor" && i % 2 === 0) {
      await recordExemption(trx, actor, unitId, { householdId: h.id, campaignId: road.id, reason: "Hộ cận nghèo có hoàn cảnh khó khăn, họp thôn thống nhất miễn" });
    } else if (r < 0.72) {
      const amount = pick(["500000", "1000000", "1000000", "1000000", "1500000", "2000000", "3000000"]);
      await recordReceipt(trx, actor, unitId, { householdId: h.id, campaignId: road.id, amount: parseDong(amount), date: day(2 + Math.floor(rnd() * 5)), method: rnd() < 0.15 ? "bank" : "cash" });
    } else if (r < 0.82) {
      await recordPledge(trx, actor, unitId, { householdId: h.id, campaignId: road.id, amount: parseDong("1000000"), date: "2025-02-01", dueDate: "2025-09-30" });
      if (rnd() < 0.5) await recordReceipt(trx, actor, unitId, { householdId: h.id, campaignId: road.id, amount: parseDong("500000"), date: day(7), method: "cash" });
    } else if (r < 0.9) {
      const days = String(2 + Math.floor(rnd() * 4));
      await recordInKind(trx, actor, unitId, { householdId: h.id, campaignId: road.id, kind: "labour", quantity: days, unit: "ngày công", description: `Góp ${days} ngày công đổ bê tông`, date: day(8) });
    }
    if (rnd() < 0.45) {
      await recordReceipt(trx, actor, unitId, { householdId: h.id, campaignId: hall.id, amount: parseDong(String(100000 * (h.members ?? 3))), date: day(6 + Math.floor(rnd() * 3)), method: "cash" });
    }
  }
  if (seed === 1) {
    const land = households.find((h) => h.category === "normal")!;
    await recordInKind(trx, actor, unitId, { householdId: land.id, campaignId: road.id, kind: "land", quantity: "45", unit: "m²", description: "Hiến 45 m² đất mở rộng đường", date: "2025-03-15" });
  }
  return { road: road.id, hall: hall.id };
}
