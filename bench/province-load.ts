// The province bench's loading: the unit tree, its people, then Y years of a hamlet's life month by
// month, all through the HTTP API of the app (the same validation, services, triggers and chains as
// any treasurer's request): households, a decision recognised by the commune and the campaigns that
// rest on it, pledges and receipts, a work with its payments (the large ones approved by the head),
// the board's inspection and findings, and the quarterly published trial balances.
//
// What a hamlet does hundreds of times a year (register its households, record pledges and
// receipts) goes, unless `oneByOne`, through the same service functions in this process: the
// register as one list (registerHouseholds), pledges one by one in one transaction, and each month's receipts
// of a campaign as the treasurer's sheet (parsed as the upload is, previewed, then committed: the
// import's code, which posts a chunk of entries per statement). Over HTTP the sheet's parse runs in a
// fresh worker thread (~0.5 s under tsx) — the server's protection against a crafted file, and at 20
// rows a sheet the whole cost; a province's 600,000 households and a million receipts one request
// each would take hours. Everything else goes through the HTTP API as before.
import type { Knex } from "knex";
import type { Actor, Role } from "../src/identity";
import { recordPledge, registerHouseholds } from "../src/contributions";
import { commitImport, previewImport } from "../src/contributions/import";
import { parseSheet } from "../src/contributions/sheet/parse";
import { parseDong } from "../src/shared/money";
import { Person, pool } from "./province-http";
import { mulberry32 } from "./ledger-data";

export interface Shape {
  communes: number; hamlets: number; households: number; years: number; firstYear: number; concurrency: number;
  /** Households, pledges and receipts one request each over HTTP (the slow path), not through the services in bulk. */
  oneByOne: boolean;
}

/** The database and the clock, for what goes through the services in this process. */
export interface Direct { db: Knex; at: () => string }

export interface Hamlet {
  id: number;
  code: string;
  /** The unit's materialised path, for the treasurer's scope when acting in-process (read after the tree is built). */
  path: string;
  commune: Commune;
  treasurer: Person;
  head: Person;
  households: number[];
  campaigns: { id: number; level: number }[];
  works: number[];
  /** The year's recognised decision (the campaigns and the work rest on it). */
  decision: number;
  /** Cash received less paid, as this bench posted it: payments never overdraw the cash book. */
  cash: number;
}
export interface Commune { id: number; code: string; admin: Person; inspector: Person; board: number; hamlets: Hamlet[] }
export interface Province { id: number; root: Person; communes: Commune[]; hamlets: Hamlet[] }

const PASSWORD = "bench-password-2026";
const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const NAMES = ["Nguyễn Văn Hường", "Trần Thị Ngọc Ánh", "Lê Đức Thắng", "Phạm Thị Hạnh", "Hoàng Văn Ất", "Đỗ Thị Yến", "Vũ Minh Khôi", "Bùi Thị Thu"];

async function person(root: Person, base: string, username: string, grant: { role: string; unitId?: number; boardId?: number }): Promise<Person> {
  const u = await root.call<{ id: number }>("POST", "/users", { username, displayName: username, password: PASSWORD });
  await root.call("POST", `/users/${u.id}/grants`, grant);
  return new Person(base, username, PASSWORD, u.id);
}

/** The province, its communes and hamlets, each with its people and the commune's board. */
export async function buildTree(base: string, root: Person, s: Shape): Promise<Province> {
  const p = await root.call<{ id: number }>("POST", "/units", { code: "tinh", name: "Tỉnh An Bình", kind: "province" });
  const province: Province = { id: p.id, root, communes: [], hamlets: [] };
  const communeNos = Array.from({ length: s.communes }, (_, i) => i + 1);
  // Communes in parallel: each is its own subtree (the root's sign-in is shared).
  await pool(communeNos, s.concurrency, async (c) => {
    const cu = await root.call<{ id: number }>("POST", "/units", { code: `x${pad(c, 3)}`, name: `Xã Số ${c}`, kind: "commune", parentId: p.id });
    const admin = await person(root, base, `x${pad(c, 3)}.admin`, { role: "admin", unitId: cu.id });
    const commune: Commune = { id: cu.id, code: `x${pad(c, 3)}`, admin, inspector: admin, board: 0, hamlets: [] };
    for (let h = 1; h <= s.hamlets; h++) {
      const code = `x${pad(c, 3)}t${pad(h)}`;
      const hu = await root.call<{ id: number }>("POST", "/units", { code, name: `Thôn ${h} xã Số ${c}`, kind: "hamlet", parentId: cu.id });
      const treasurer = await person(root, base, `${code}.thuquy`, { role: "treasurer", unitId: hu.id });
      const head = await person(root, base, `${code}.truongthon`, { role: "head", unitId: hu.id });
      commune.hamlets.push({ id: hu.id, code, path: "", commune, treasurer, head, households: [], campaigns: [], works: [], decision: 0, cash: 0 });
    }
    const board = await admin.call<{ id: number }>("POST", `/units/${cu.id}/boards`, { kind: "gsdtcd", name: `Ban Giám sát đầu tư của cộng đồng xã Số ${c}`, oversees: { unitIds: commune.hamlets.map((h) => h.id) } });
    commune.board = board.id;
    commune.inspector = await person(root, base, `x${pad(c, 3)}.giamsat`, { role: "inspector", boardId: board.id });
    province.communes.push(commune);
  });
  province.communes.sort((a, b) => a.id - b.id);
  province.hamlets = province.communes.flatMap((c) => c.hamlets);
  return province;
}

/** What a month asks of each hamlet, its day in that month (1–28) on the clock's side. */
export interface Month { year: number; month: number; first: boolean; today: string }

/** The hamlet's treasurer as a signed-in request would present them, for the services called in-process. */
function treasurerOf(h: Hamlet, direct: Direct): Actor {
  const role: Role = "treasurer";
  return {
    userId: h.treasurer.id, username: h.treasurer.username, displayName: h.treasurer.username, sessionId: null,
    scopes: [{ role, unitId: h.id, path: h.path }], requestId: `bench-${h.code}`, ip: "127.0.0.1", at: direct.at(),
  };
}

const ROAD = 200_000; // đồng per household, the road campaign's level
const STUDY = 50_000; // the study-promotion fund's

/** One hamlet's month: what its treasurer, head and the commune's people do in it. */
export async function hamletMonth(h: Hamlet, m: Month, s: Shape, seed: number, direct: Direct): Promise<void> {
  const rnd = mulberry32(seed);
  const T = h.treasurer, H = h.head, U = `/units/${h.id}`;
  const day = (d: number) => `${m.year}-${pad(m.month)}-${pad(Math.min(28, Math.max(1, d)))}`;
  if (m.month === 1) {
    if (m.first) {
      const register = (i: number) => ({ code: `${h.code.toUpperCase()}-${pad(i, 3)}`, headName: `${NAMES[i % NAMES.length]} ${i}`, members: 2 + (i % 5) });
      if (s.oneByOne) {
        for (let i = 1; i <= s.households; i++) h.households.push((await T.call<{ id: number }>("POST", `${U}/households`, register(i))).id);
      } else {
        const list = Array.from({ length: s.households }, (_, i) => register(i + 1));
        h.households.push(...(await direct.db.transaction((trx) => registerHouseholds(trx, treasurerOf(h, direct), h.id, list))));
      }
    }
    // The year's meeting: two thirds and more agree; the commune recognises its minutes.
    const n = h.households.length;
    const d = await T.call<{ id: number }>("POST", `${U}/decisions`, { title: `Mức đóng góp năm ${m.year}: làm đường bê tông và quỹ khuyến học`, subject: "contribution_policy", method: "meeting_show_of_hands", heldOn: m.today });
    const agree = Math.ceil(n * 0.8);
    await T.call("POST", `${U}/decisions/${d.id}/tally`, { present: n, agree, disagree: n - agree, abstain: 0 });
    await T.call("POST", `${U}/decisions/${d.id}/transitions`, { to: "voted" });
    await H.call("POST", `${U}/decisions/${d.id}/transitions`, { to: "submitted" });
    await h.commune.admin.call("POST", `${U}/decisions/${d.id}/transitions`, { to: "recognised" });
    h.decision = d.id;
    h.campaigns = [];
    for (const [name, level] of [[`Đóng góp làm đường bê tông năm ${m.year}`, ROAD], [`Quỹ khuyến học năm ${m.year}`, STUDY]] as const) {
      const c = await T.call<{ id: number }>("POST", `${U}/campaigns`, { name, purpose: name, decisionId: d.id, startDate: m.today, level: { amount: String(level), per: "household" } });
      h.campaigns.push({ id: c.id, level });
    }
    return;
  }
  const [road, study] = h.campaigns;
  // Pledges in February from one household in ten, paid later like everyone's.
  if (m.month === 2) {
    const pledge = (i: number) => ({ householdId: h.households[i], campaignId: road.id, amount: String(road.level), date: day(5), dueDate: `${m.year}-06-30` });
    if (s.oneByOne) {
      for (let i = 0; i < h.households.length; i += 10) await T.call("POST", `${U}/pledges`, pledge(i));
    } else {
      await direct.db.transaction(async (trx) => {
        const actor = treasurerOf(h, direct);
        for (let i = 0; i < h.households.length; i += 10) await recordPledge(trx, actor, h.id, { ...pledge(i), amount: parseDong(pledge(i).amount) });
      });
    }
  }
  // Receipts: each household pays the road in one month of Feb–Nov (nine in ten do), the study fund in one of Mar–Nov.
  const sheet: Record<number, string[]> = { [road.id]: [], [study.id]: [] };
  const receipt = async (c: { id: number; level: number }, i: number, method: "cash" | "bank") => {
    const date = day(1 + (i % 27));
    if (!s.oneByOne) {
      const [y, mo, d] = date.split("-");
      sheet[c.id].push(`${sheet[c.id].length + 1},${h.code.toUpperCase()}-${pad(i + 1, 3)},${NAMES[(i + 1) % NAMES.length]} ${i + 1},${c.level},${d}/${mo}/${y},${method === "bank" ? "chuyển khoản" : ""}`);
    } else await T.call("POST", `${U}/contributions`, { householdId: h.households[i], campaignId: c.id, amount: String(c.level), date, method });
    if (method === "cash") h.cash += c.level;
  };
  for (let i = 0; i < h.households.length; i++) {
    if (i % 10 !== 9 && 2 + (i % 10) === m.month) await receipt(road, i, i % 4 === 0 ? "bank" : "cash");
    if (i % 7 !== 6 && 3 + (i % 9) === m.month) await receipt(study, i, "cash");
  }
  for (const [campaignId, rows] of Object.entries(sheet)) {
    if (!rows.length) continue;
    const bytes = Buffer.from(["STT,Mã hộ,Họ và tên chủ hộ,Số tiền (đồng),Ngày nộp,Ghi chú", ...rows].join("\n") + "\n", "utf8");
    // As the upload route does: parsed, previewed in one transaction, committed in another.
    const sheet = await parseSheet(bytes);
    const actor = treasurerOf(h, direct);
    const pre = await direct.db.transaction((trx) => previewImport(trx, actor, h.id, Number(campaignId), { bytes, filename: `thu-${m.year}-${pad(m.month)}.csv` }, sheet));
    if (!pre.valid) throw new Error(`sheet of ${h.code} not valid: ${JSON.stringify(pre.rows).slice(0, 500)}`);
    await direct.db.transaction((trx) => commitImport(trx, { ...actor, at: direct.at() }, h.id, Number(campaignId), Number(pre.id), {}));
  }
  // The year's work: proposed in March, paid for from April to September.
  if (m.month === 3) {
    const est = Math.round((h.households.length * ROAD * 0.7) / 1000) * 1000;
    const w = await T.call<{ id: number }>("POST", `${U}/works`, {
      name: `Đường bê tông xóm ${h.works.length + 1} (${m.year})`, location: `Xóm ${h.works.length + 1}`, category: "giao thông",
      estimate: [{ category: "materials", amount: String(Math.round(est * 0.7 / 1000) * 1000) }, { category: "labour", amount: String(est - Math.round(est * 0.7 / 1000) * 1000) }],
      funding: [{ source: "community", amount: String(est) }], plannedStart: `${m.year}-04-01`, plannedEnd: `${m.year}-09-30`,
    });
    h.works.push(w.id);
    // The head approves it on the year's decision and the work starts in April.
    const ok = await H.raw("POST", `${U}/works/${w.id}/transitions`, { to: "approved", decisionId: h.decision });
    if (ok.status !== 200 && ok.status !== 201) throw new Error(`approve work: ${ok.status} ${ok.text.slice(0, 300)}`);
    await H.call("POST", `${U}/works/${w.id}/transitions`, { to: "in_progress", date: day(28) });
  }
  const work = h.works[h.works.length - 1];
  if (m.month >= 4 && m.month <= 9 && work) {
    for (const k of [0, 1]) {
      const want = Math.round((h.households.length * ROAD * 0.7) / 12 * (0.6 + rnd() * 0.8) / 1000) * 1000;
      const amount = Math.min(want, Math.floor(h.cash * 0.5 / 1000) * 1000);
      if (amount < 10_000) continue;
      const body = { category: k ? "labour" : "materials", amount: String(amount), date: day(10 + k * 10), payee: k ? "Tổ thợ xây ông Tâm" : "Cửa hàng VLXD Hòa Phát", description: k ? "Tiền công đổ bê tông" : "Xi măng PCB40, cát, đá", method: "cash" };
      // A critical finding still open stops the work's payments (409 blocked_by_finding), as it should.
      const e = await T.call<{ id: number; status: string; code?: string }>("POST", `${U}/works/${work}/expenses`, body, [201, 409]);
      if (e.code === "blocked_by_finding") continue;
      // Above the threshold (or a split payment) it waits for the head's approval.
      if (e.status === "draft" && (await H.call<{ code?: string }>("POST", `${U}/expenses/${e.id}/approve`, undefined, [200, 409])).code === "blocked_by_finding") continue;
      h.cash -= amount;
    }
  }
  // The board inspects the work in August; a finding or two, one in twenty critical; most answered.
  if (m.month === 8 && work) {
    const I = h.commune.inspector;
    const ins = await I.call<{ id: number }>("POST", `/boards/${h.commune.board}/inspections`, { subject: { workId: work }, date: day(12), membersPresent: [I.id], checklist: [] });
    for (let k = 0; k < 1 + Math.floor(rnd() * 2); k++) {
      const r = rnd();
      const severity = r < 0.05 ? "critical" : r < 0.25 ? "major" : "minor";
      const f = await I.call<{ id: number }>("POST", `/boards/${h.commune.board}/inspections/${ins.id}/findings`, { category: "chất lượng", severity, description: "Mặt đường bê tông mỏng hơn thiết kế ở đoạn cuối", recommendation: "Đổ bù cho đủ độ dày", addressedTo: "Trưởng thôn", dueDate: `${m.year}-09-15` });
      if (rnd() < 0.7) await H.call("POST", `/findings/${f.id}/transitions`, { to: "answered", text: "Đã đổ bù đủ độ dày, mời Ban kiểm tra lại" }, [200, 201, 403, 409, 422]);
    }
  }
}

/**
 * The quarter's trial balance, drafted on the 10th of the month after and signed by the head the
 * same day (within its 10 working days); one in eight is left unsigned, and so becomes late.
 */
export async function hamletPublication(h: Hamlet, m: Month, seed: number): Promise<void> {
  if (m.month !== 4 && m.month !== 7 && m.month !== 10) return;
  const rnd = mulberry32(seed);
  const U = `/units/${h.id}`;
  const q = (m.month - 1) / 3;
  const from = `${m.year}-${pad(q * 3 - 2)}-01`, to = `${m.year}-${pad(q * 3)}-${q === 1 ? "31" : "30"}`;
  const p = await h.treasurer.call<{ id: number }>("POST", `${U}/publications`, { statement: { kind: "trial-balance", params: { from, to } }, places: ["culture_house"], postedFrom: m.today, postedUntil: `${m.year}-${pad(m.month + 1)}-28` });
  if (rnd() >= 0.125) await h.head.call("POST", `${U}/publications/${p.id}/approve`);
}
