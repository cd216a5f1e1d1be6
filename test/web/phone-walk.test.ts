import { expect } from "chai";
import type { Page } from "playwright-core";
import { TEST_DB } from "../helpers/db";
import { campaign, household } from "../helpers/given-contributions";
import { cash, fixtureAttachment, fixtureFinding, fixtureInspection, work } from "../helpers/given-works";
import { expectNoProblems, look, openWeb, signIn, signOut, Viewport, Web } from "./browser";

// A phone in every hand: each role signs in at 360 px and opens every screen it can reach, over a
// world with something on each (a campaign with receipts, a work with vouchers and photos, an
// inspection with findings, a publication, a residents' decision). Each screen must fit the phone (look(): nothing past the
// screen's edge, no tap target under 44×44 px, axe-core clean). The slowest screens (the books,
// a work, an inspection) run on PostgreSQL too.

const PHONE: Viewport = { name: "phone", width: 360, height: 740 };

interface Data {
  decisionId: number;
  campaignId: number;
  householdId: number;
  workId: number;
  inspectionId: number;
  publicationId: number;
}

/** Everything the screens show, made through the API (the fixtures' services where no route exists). */
async function fill(web: Web): Promise<Data> {
  const { t, w } = web;
  const A = w.hamletA;
  const treasurer = t.as(w.treasurerA.token);
  await cash(t, A, "80000000", "2025-01-05");
  const c = await campaign(t, w, { startDate: "2025-02-01", target: "150000000", level: { amount: "1000000", per: "household" } });
  const households = [];
  for (let n = 1; n <= 4; n++) households.push(await household(t, w, `DT-00${n}`, { headName: ["Nguyễn Văn Đức", "Trần Thị Hoa", "Lê Văn Bình", "Phạm Thị Lan"][n - 1] }));
  let receipt = 0;
  for (const [i, h] of households.entries()) {
    for (const [k, date] of ["2025-03-02", "2025-04-10", "2025-06-12"].entries()) {
      const r = await treasurer.post(`/units/${A}/contributions`, { householdId: h.id, campaignId: c.id, amount: String(250000 * (i + k + 1)), date, method: k === 1 ? "bank" : "cash" });
      expect(r.status, JSON.stringify(r.body)).to.equal(201);
      if (i === 0 && k === 0) receipt = r.body.id;
    }
  }
  const rev = await treasurer.post(`/units/${A}/contributions/${receipt}/reversal`, { date: "2025-03-03", reason: "Ghi nhầm số tiền của hộ" });
  expect(rev.status, JSON.stringify(rev.body)).to.equal(201);

  const wk = await work(t, w, { name: "Đường bê tông xóm 3" });
  const photos = [await fixtureAttachment(t, w, A, 1), await fixtureAttachment(t, w, A, 2)].map((a) => a.id);
  for (const [amount, method] of [["3500000", "cash"], ["7500000", "cash"], ["1200000", "payable"]] as const) {
    const r = await treasurer.post(`/units/${A}/works/${wk.id}/expenses`, { category: "materials", amount, date: "2025-06-01", payee: "Cửa hàng VLXD Hòa Phát", description: "Xi măng PCB40, 100 bao", method, attachmentIds: photos });
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
  }
  const pr = await treasurer.post(`/units/${A}/works/${wk.id}/progress`, { date: "2025-06-10", percent: 20, photos: [(await fixtureAttachment(t, w, A, 3)).id] });
  expect(pr.status, JSON.stringify(pr.body)).to.equal(201);

  const ins = await fixtureInspection(t, w, { workId: wk.id });
  await fixtureFinding(t, w, ins.id, "major");
  await fixtureFinding(t, w, ins.id, "minor", "2025-06-01");

  const pub = await treasurer.post(`/units/${A}/publications`, { statement: { kind: "receipts-payments", params: { from: "2025-01-01", to: "2025-06-15" } }, places: ["culture_house"], postedFrom: "2025-06-15", postedUntil: "2025-07-31" });
  expect(pub.status, JSON.stringify(pub.body)).to.equal(201);
  const ok = await t.as(w.headA.token).post(`/units/${A}/publications/${pub.body.id}/approve`);
  expect(ok.status, JSON.stringify(ok.body)).to.equal(200);
  const decision = await treasurer.post(`/units/${A}/decisions`, { title: "Hương ước thôn Đồng Tâm năm 2025", subject: "customary_rule", method: "household_ballot", heldOn: "2025-06-15" });
  expect(decision.status, JSON.stringify(decision.body)).to.equal(201);
  return { decisionId: decision.body.id, campaignId: c.id, householdId: households[0].id, workId: wk.id, inspectionId: ins.id, publicationId: pub.body.id };
}

/** Opens an address in the signed-in tab and waits until the screen has drawn everything it loads. */
async function visit(page: Page, url: string, path: string): Promise<void> {
  await page.goto(`${url}${path}`);
  await page.waitForFunction(() => {
    const doc = (globalThis as any).document; // the browser's
    return Boolean(doc.querySelector("main h1") && !doc.querySelector("main .loading"));
  }, undefined, { timeout: 20_000 });
}

/** Every screen a role reaches, each looked at; `also` checks more on the screens it names. */
async function walk(web: Web, who: string, paths: [string, string][], also: Record<string, (page: Page) => Promise<void>> = {}): Promise<void> {
  const { page, url } = web;
  await signIn(page, url, who);
  for (const [name, path] of paths) {
    await visit(page, url, path);
    await look(page, PHONE, `walk-${who}-${name}`);
    await also[name]?.(page);
  }
  await signOut(page);
}

/** The lists a treasurer reads come newest first (the books on paper stay in date order). */
const newestFirst: Record<string, (page: Page) => Promise<void>> = {
  async entries(page) {
    const ids = (await page.locator("ol.journal > li[data-entry]").evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-entry")))));
    expect(ids.length).to.be.greaterThan(5);
    expect(ids, "the journal's entries, newest first").to.deep.equal([...ids].sort((a, b) => b - a));
  },
  async household(page) {
    expect(await page.locator("table.items tbody tr").first().innerText()).to.include("PT-2025-000003");
  },
  async "cash-book"(page) {
    const dates = await page.locator("table.register tbody tr td:first-child").allInnerTexts();
    expect(dates[0]).to.include("12/06/2025");
    expect(dates[dates.length - 1]).to.include("05/01/2025");
  },
  async campaign(page) {
    // DT-004 paid last (12/06, after DT-001..003 that day)
    await page.locator("main table tbody tr").first().getByText("DT-004").waitFor();
  },
};

function unitScreens(A: number, d: Data): [string, string][] {
  const u = `/app/units/${A}`;
  return [
    ["unit", u],
    ["households", `${u}/households`],
    ["household", `${u}/households/${d.householdId}`],
    ["campaigns", `${u}/campaigns`],
    ["campaign", `${u}/campaigns/${d.campaignId}`],
    ["entries", `${u}/entries`],
    ["accounts", `${u}/accounts`],
    ["cash-book", `${u}/accounts/111`],
    ["works", `${u}/works`],
    ["work", `${u}/works/${d.workId}`],
    ["publications", `${u}/publications`],
    ["publication", `${u}/publications/${d.publicationId}`],
    ["findings", `${u}/findings`],
    ["decisions", `${u}/decisions`],
    ["decision", `${u}/decisions/${d.decisionId}`],
    ["deadlines", `${u}/deadlines`],
  ];
}

type Places = Web["w"];
/** Each role and the screens it reaches (beside home and its account). */
const ROLES: [string, string, (w: Places, d: Data) => [string, string][], Record<string, (page: Page) => Promise<void>>?][] = [
  ["a treasurer", "treasurer.a", (w, d) => [
    ...unitScreens(w.hamletA, d),
    ["receipt-new", `/app/units/${w.hamletA}/receipts/new`],
    ["import", `/app/units/${w.hamletA}/campaigns/${d.campaignId}/import`],
  ], newestFirst],
  ["a hamlet head", "head.a", (w, d) => [...unitScreens(w.hamletA, d), ["closings", `/app/units/${w.hamletA}/closings`]]],
  ["an inspector", "inspector", (w, d) => [
    ["board", `/app/boards/${w.board}`],
    ["inspection", `/app/boards/${w.board}/inspections/${d.inspectionId}`],
    ["cash-count", `/app/boards/${w.board}/cash-count`],
    ...unitScreens(w.hamletA, d),
  ]],
  ["a commune admin", "commune.admin", (w, d) => [
    ["admin", "/app/admin"],
    ["admin-users", "/app/admin/users"],
    ["admin-audit", "/app/admin/audit"],
    ["commune", `/app/units/${w.commune}`],
    ["closings", `/app/units/${w.hamletA}/closings`],
    ...unitScreens(w.hamletA, d),
  ]],
  ["the installation admin", "root", (w) => [
    ["admin", "/app/admin"],
    ["admin-users", "/app/admin/users"],
    ["admin-audit", "/app/admin/audit"],
    ["province", `/app/units/${w.province}`],
    ["not-found", "/app/no-such-screen"],
  ]],
];

describe("web: every screen fits a phone", () => {
  if (TEST_DB !== "postgres") {
    for (const [who, username, screens, also] of ROLES) {
      it(`[360px] when ${who} opens every screen they reach, then nothing is wider than the phone and every tap target is at least 44×44 px${also ? ", and the lists come newest first" : ""}`, async function () {
        this.timeout(180_000);
        const web = await openWeb(this, PHONE);
        try {
          const d = await fill(web);
          await walk(web, username, [["home", "/app"], ["account", "/app/account"], ...screens(web.w, d)], also);
          expectNoProblems(web);
        } finally {
          await web.close();
        }
      });
    }
  }

  // On PostgreSQL only the slowest screens: the engine changes what they load, not how they lay out.
  if (TEST_DB === "postgres") it("[360px] when a treasurer and an inspector open the slowest screens (the books, a work, an inspection), then each fits the phone", async function () {
    this.timeout(120_000);
    const web = await openWeb(this, PHONE);
    try {
      const { w } = web;
      const d = await fill(web);
      const A = w.hamletA;
      await walk(web, "treasurer.a", [
        ["campaign", `/app/units/${A}/campaigns/${d.campaignId}`],
        ["household", `/app/units/${A}/households/${d.householdId}`],
        ["entries", `/app/units/${A}/entries`],
        ["cash-book", `/app/units/${A}/accounts/111`],
        ["work", `/app/units/${A}/works/${d.workId}`],
      ]);
      await walk(web, "inspector", [["inspection", `/app/boards/${w.board}/inspections/${d.inspectionId}`]]);
      expectNoProblems(web);
    } finally {
      await web.close();
    }
  });
});
