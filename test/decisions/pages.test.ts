import { expect } from "chai";
import { rowCounts, testApp, TestApp } from "../helpers/app";
import { world } from "../helpers/given";
import { issuePinForTests } from "../helpers/pins";
import { recordDecision } from "../../src/decisions";
import { decision, someoneAt } from "./given";

// A household votes online from the decision's public page, without the API and without
// JavaScript: the page shows the decision and, while online votes are taken, a form (household
// code, PIN, choice) whose answer is the page again, in Vietnamese. The rules are the API's
// (voteOnline): once per household, the PIN's guard; a post from another site is refused. The
// hamlet's page links the decisions open for online votes. The clock stands at 15/06/2025.

const TODAY = "2025-06-15";

const tokenOf = (html: string) => /name="token" value="([^"]+)"/.exec(html)![1];
/** The PIN field never comes back with a value. */
const pinKept = (html: string) => /name="pin"[^>]*\svalue=/.test(html);

async function setUp(t: TestApp, method = "online") {
  const w = await world(t, { only: ["treasurerA"] });
  const h1 = await issuePinForTests(t, w.hamletA, "DT-001");
  const h2 = await issuePinForTests(t, w.hamletA, "DT-002");
  const made = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/decisions`, { title: "Mức đóng góp làm đường bê tông ngõ xóm", subject: "contribution_policy", method, heldOn: TODAY });
  expect(made.status, JSON.stringify(made.body)).to.equal(201);
  const url = `/u/ha/decisions/${made.body.id}`;
  const counts = async () => (await t.as(w.treasurerA.token).get(`/units/${w.hamletA}/decisions/${made.body.id}`)).body as { counts: Record<string, number>; ballots: Record<string, number> };
  return { w, h1, h2, id: made.body.id as number, url, counts };
}

const vote = (t: TestApp, url: string, form: Record<string, string>) => t.api.post(`${url}/vote`).type("form").send(form);

describe("decisions: a household votes from the decision's public page", () => {
  it("when a household votes through the page's form, then the page says its ballot is recorded and the tally counts it once; its second vote is refused on the page", async () => {
    const t = await testApp();
    const { h1, url, counts } = await setUp(t);
    const page = await t.api.get(url);
    expect(page.status).to.equal(200);
    expect(page.headers["content-security-policy"]).to.include("form-action 'self'");
    for (const s of ["Mức đóng góp làm đường bê tông ngõ xóm", "Chủ trương, mức đóng góp", "các hộ trong sổ hộ của Thôn Đồng Tâm ngày 15/06/2025", "Hộ có đồng ý với nội dung trên không?", "Không đồng ý", "Không có ý kiến", "Gửi phiếu biểu quyết"]) {
      expect(page.text).to.include(s);
    }
    expect(page.text).to.include(`action="${url}/vote#bieu-quyet"`);
    expect([...page.text.matchAll(/type="radio" name="choice" value="(\w+)"/g)].map((m) => m[1])).to.deep.equal(["agree", "disagree", "abstain"]);
    const token = tokenOf(page.text);

    const sent = await vote(t, url, { token, householdCode: "dt-001", pin: h1.pin, choice: "agree" });
    expect(sent.status, sent.text).to.equal(200);
    expect(sent.text).to.include("Đã ghi phiếu của hộ DT-001: Đồng ý.");
    expect(sent.text).to.not.include("<form");
    expect(await counts()).to.deep.include({ counts: { present: 1, agree: 1, disagree: 0, abstain: 0 }, ballots: { paper: 0, online: 1 } });

    // sent again (a reload, or another choice): refused, the page says why, nothing more counted
    const before = await rowCounts(t.db);
    const again = await vote(t, url, { token, householdCode: "DT-001", pin: h1.pin, choice: "disagree" });
    expect(again.status).to.equal(409);
    expect(again.text).to.include("Chưa ghi được phiếu: Hộ đã biểu quyết. Hộ này đã được tính một lần trong quyết định này.");
    expect(again.text).to.include('name="householdCode" value="DT-001"');
    expect(again.text).to.match(/value="disagree" required checked/);
    expect(pinKept(again.text)).to.equal(false);
    expect(await rowCounts(t.db)).to.deep.equal(before);
    expect((await counts()).counts).to.deep.equal({ present: 1, agree: 1, disagree: 0, abstain: 0 });
  });

  it("when the PIN is wrong, then the page answers 403 with the reason, keeps the code and choice but not the PIN, and nothing is written", async () => {
    const t = await testApp();
    const { h1, url, counts } = await setUp(t);
    const token = tokenOf((await t.api.get(url)).text);
    const before = await rowCounts(t.db);
    const wrong = await vote(t, url, { token, householdCode: "DT-001", pin: h1.pin === "000000" ? "111111" : "000000", choice: "abstain" });
    expect(wrong.status).to.equal(403);
    expect(wrong.text).to.include("Chưa ghi được phiếu: Mã hộ hoặc mã PIN không đúng. Hãy xem lại giấy báo mã PIN của hộ.");
    expect(wrong.text).to.include('name="householdCode" value="DT-001"');
    expect(wrong.text).to.match(/value="abstain" required checked/);
    expect(pinKept(wrong.text)).to.equal(false);
    expect(await rowCounts(t.db)).to.deep.equal(before);
    expect((await counts()).ballots).to.deep.equal({ paper: 0, online: 0 });
    // a PIN that is not 6 digits is said on the page before any check
    const short = await vote(t, url, { token, householdCode: "DT-001", pin: "12", choice: "agree" });
    expect(short.status).to.equal(400);
    expect(short.text).to.include("Hãy ghi mã hộ và mã PIN 6 chữ số in trên giấy báo của hộ.");
  });

  it("when someone guesses a household's PIN on the page, then they are held back like on the API (429, Retry-After, said on the page), even with the right PIN", async () => {
    const t = await testApp();
    const { h1, url, counts } = await setUp(t);
    const token = tokenOf((await t.api.get(url)).text);
    const wrong = h1.pin === "000000" ? "111111" : "000000";
    for (let i = 0; i < 5; i++) expect((await vote(t, url, { token, householdCode: h1.code, pin: wrong, choice: "agree" })).status).to.equal(403);
    const held = await vote(t, url, { token, householdCode: h1.code, pin: h1.pin, choice: "agree" });
    expect(held.status).to.equal(429);
    expect(Number(held.headers["retry-after"])).to.be.greaterThan(0);
    expect(held.text).to.match(/Chưa ghi được phiếu: Quá nhiều lần thử\. Thử lại sau \d+ giây\./);
    expect((await counts()).ballots).to.deep.equal({ paper: 0, online: 0 });
  });

  it("when the form is posted without the page's token, with another decision's token, or from another site, then it is refused with 403 and nothing is written", async () => {
    const t = await testApp();
    const { w, h1, url } = await setUp(t);
    const token = tokenOf((await t.api.get(url)).text);
    const other = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/decisions`, { title: "Việc khác", subject: "other", method: "online", heldOn: TODAY });
    const otherToken = tokenOf((await t.api.get(`/u/ha/decisions/${other.body.id}`)).text);
    const before = await rowCounts(t.db);
    const form = { householdCode: "DT-001", pin: h1.pin, choice: "agree" };
    const answers = [
      await vote(t, url, form),
      await vote(t, url, { ...form, token: otherToken }),
      await vote(t, url, { ...form, token }).set("Sec-Fetch-Site", "cross-site"),
      await vote(t, url, { ...form, token }).set("Origin", "https://ke-gian.example"),
    ];
    expect(answers.map((a) => a.status)).to.deep.equal([403, 403, 403, 403]);
    for (const a of answers) expect(a.text).to.include("Trang đã mở quá lâu hoặc không phải trang của hệ thống.");
    expect(await rowCounts(t.db)).to.deep.equal(before);
  });

  it("when voting has closed, or the decision is not voted online, then its page shows the decision without a form and a post is refused", async () => {
    const t = await testApp();
    const { w, h1, h2, id, url } = await setUp(t);
    const token = tokenOf((await t.api.get(url)).text);
    expect((await vote(t, url, { token, householdCode: h1.code, pin: h1.pin, choice: "agree" })).status).to.equal(200);
    expect((await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/decisions/${id}/transitions`, { to: "voted" })).status).to.equal(200);
    const closed = await t.api.get(url);
    expect(closed.status).to.equal(200);
    expect(closed.text).to.include("Mức đóng góp làm đường bê tông ngõ xóm");
    expect(closed.text).to.include("Quyết định này không nhận phiếu trực tuyến nữa.");
    expect(closed.text).to.not.include("<form");
    const before = await rowCounts(t.db);
    const late = await vote(t, url, { token, householdCode: h2.code, pin: h2.pin, choice: "agree" });
    expect(late.status).to.equal(409);
    expect(late.text).to.include("Thôn đã chốt kết quả biểu quyết: không nhận thêm phiếu.");
    expect(late.text).to.not.include("<form");
    expect(await rowCounts(t.db)).to.deep.equal(before);
    // a meeting's decision takes no online vote at all
    const meeting = await decision(t, w.hamletA, { upto: "draft", title: "Họp thôn" });
    const m = await t.api.get(`/u/ha/decisions/${meeting.id}`);
    expect(m.status).to.equal(200);
    expect(m.text).to.not.include("<form");
  });

  it("when a decision is open for online votes, then the hamlet's page links it, its commune's too; a closed one is not listed, and a decision is not found under another unit's address", async () => {
    const t = await testApp();
    const { w, id, url } = await setUp(t);
    await decision(t, w.hamletA, { upto: "voted", title: "Đã chốt" });
    const communeActor = await someoneAt(t, w.commune, ["treasurer"]);
    const c = await t.db.transaction((trx) => recordDecision(trx, communeActor, w.commune, { title: "Quy ước giữ vệ sinh chung của xã", subject: "customary_rule", method: "combined", heldOn: TODAY }));
    const hamlet = await t.api.get("/u/ha");
    expect(hamlet.status).to.equal(200);
    expect(hamlet.text).to.include("Đang lấy biểu quyết trực tuyến (2)");
    expect(hamlet.text).to.include(`<a href="${url}">Mức đóng góp làm đường bê tông ngõ xóm</a>`);
    expect(hamlet.text).to.include(`<a href="/u/c1/decisions/${c.id}">Quy ước giữ vệ sinh chung của xã</a>`);
    expect(hamlet.text).to.not.include("Đã chốt");
    // the other hamlet has none of its own: its commune's only
    expect((await t.api.get("/u/hb")).text).to.include("Đang lấy biểu quyết trực tuyến (1)");
    const commune = await t.api.get(`/u/c1/decisions/${c.id}`);
    expect(commune.text).to.include("các hộ trong sổ hộ của các thôn thuộc Xã Tân Linh");
    expect((await t.api.get(`/u/hb/decisions/${id}`)).status).to.equal(404);
    expect((await t.api.get(`/u/ha/decisions/${c.id}`)).status).to.equal(404);
    expect((await t.api.get("/u/ha/decisions/abc")).status).to.equal(404);
  });
});
