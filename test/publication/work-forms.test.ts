import { expect } from "chai";
import { testApp, TestApp } from "../helpers/app";
import { world } from "../helpers/given";
import { cash, FAKE_PNG, fixtureConsultation, householdWithPin, PNG, work } from "../helpers/given-works";

// A work's public page without JavaScript: its payments a page at a time, newest first; a
// resident's feedback (photos, household code and PIN optional) and a household's opinion sent by
// plain HTML forms, answered on the page in Vietnamese; a post from another site refused.

const expense = (i: number) => ({ category: "materials", amount: String(100000 + i), date: `2025-06-${String(1 + (i % 9)).padStart(2, "0")}`, payee: `Cửa hàng số ${i}`, description: `Đợt ${i}`, method: "cash" });
const tokenOf = (html: string, action: string) => {
  const form = html.slice(html.indexOf(`action="${action}`));
  return /name="token" value="([^"]+)"/.exec(form)![1];
};

async function setUp(t: TestApp) {
  const w = await world(t, { only: ["treasurerA"] });
  const a = await work(t, w);
  return { w, a, url: `/u/ha/works/${a.id}` };
}

describe("publication: a work's public page, its payments and forms", () => {
  it("when a work has 23 payments, then its page lists 20 newest first with date, voucher, payee and amount, ?page=2 the other 3, and a page past the end the last", async () => {
    const t = await testApp({ now: "2025-06-15T03:00:00.000Z" });
    const { w, a, url } = await setUp(t);
    await cash(t, w.hamletA, "50000000");
    for (let i = 0; i < 23; i++) {
      const r = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/works/${a.id}/expenses`, expense(i));
      expect(r.body.status, JSON.stringify(r.body)).to.equal("posted");
    }
    const api = (await t.as().get(`/public/works/${a.id}`)).body.expenses as { voucherNo: string; description: string }[];
    const shown = (html: string) => [...html.matchAll(/<span class="voucher">([^<]+)<\/span>/g)].map((m) => m[1]);
    const first = await t.api.get(url);
    expect(first.status).to.equal(200);
    expect(first.text).to.include("Các khoản đã chi (23 phiếu)");
    expect(shown(first.text)).to.deep.equal(api.slice(0, 20).map((e) => e.voucherNo));
    expect(first.text).to.include("Cửa hàng số 22");
    expect(first.text).to.include("100.022 đồng");
    expect(first.text).to.include("Trang 1/2");
    expect(first.text).to.include(`href="${url}?page=2#chi-tieu"`);
    const second = await t.api.get(`${url}?page=2`);
    expect(shown(second.text)).to.deep.equal(api.slice(20, 23).map((e) => e.voucherNo));
    expect(second.text).to.include("Trang 2/2");
    expect(second.text).to.include(`href="${url}?page=1#chi-tieu"`);
    expect(shown((await t.api.get(`${url}?page=99`)).text)).to.deep.equal(shown(second.text));
    expect(shown((await t.api.get(`${url}?page=abc`)).text)).to.deep.equal(shown(first.text));
  });

  it("when a resident sends feedback with a photo and no household code, then the page thanks them and the board has it with the photo; a wrong PIN, a file that is no picture, no text or a post from another site are refused on the page, the text kept", async () => {
    const t = await testApp({ now: "2025-06-15T03:00:00.000Z" });
    const { w, a, url } = await setUp(t);
    const h = await householdWithPin(t, w.hamletA, "DT-001");
    const page = await t.api.get(url);
    const token = tokenOf(page.text, `${url}/feedback`);
    expect(page.text).to.include('enctype="multipart/form-data"');

    const sent = await t.api.post(`${url}/feedback`).field("token", token).field("text", "Mặt đường nứt ở đoạn đầu xóm").field("householdCode", "").field("pin", "")
      .attach("photos", PNG, { filename: "nứt.png", contentType: "image/png" });
    expect(sent.status, sent.text).to.equal(303);
    expect(sent.headers.location).to.equal(`${url}?sent=feedback#gui-phan-anh`);
    expect((await t.api.get(`${url}?sent=feedback`)).text).to.include("Đã gửi phản ánh. Cảm ơn bạn!");
    const rows = await t.db("feedback").select("text", "household_id", "photos", "work_id");
    expect(rows.map((r) => [r.text, r.household_id, JSON.parse(r.photos).length, Number(r.work_id)])).to.deep.equal([["Mặt đường nứt ở đoạn đầu xóm", null, 1, a.id]]);

    const withPin = await t.api.post(`${url}/feedback`).field("token", token).field("text", "Có hộ").field("householdCode", h.code).field("pin", h.pin);
    expect(withPin.status, withPin.text).to.equal(303);
    const wrongPin = await t.api.post(`${url}/feedback`).field("token", token).field("text", "Giữ lại chữ này").field("householdCode", h.code).field("pin", h.pin === "000000" ? "111111" : "000000");
    expect(wrongPin.status).to.equal(403);
    expect(wrongPin.text).to.include("Chưa gửi được: Mã hộ hoặc mã PIN không đúng");
    expect(wrongPin.text).to.include(">Giữ lại chữ này</textarea>");
    const fake = await t.api.post(`${url}/feedback`).field("token", token).field("text", "Ảnh hỏng").attach("photos", FAKE_PNG, { filename: "a.png", contentType: "image/png" });
    expect(fake.status).to.equal(422);
    expect(fake.text).to.include("Không đọc được ảnh (tệp hỏng)");
    expect(fake.text).to.include("Hãy chọn lại ảnh trước khi gửi.");
    const pdf = await t.api.post(`${url}/feedback`).field("token", token).field("text", "Tệp PDF").attach("photos", Buffer.from("%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"), { filename: "a.pdf", contentType: "application/pdf" });
    expect(pdf.status).to.equal(415);
    expect(pdf.text).to.include("Chỉ nhận ảnh JPEG, PNG hoặc WebP");
    const empty = await t.api.post(`${url}/feedback`).field("token", token).field("text", "   ");
    expect(empty.status).to.equal(400);
    expect(empty.text).to.include("Hãy viết nội dung phản ánh.");
    const noToken = await t.api.post(`${url}/feedback`).field("text", "Giả mạo");
    expect(noToken.status).to.equal(403);
    expect(noToken.text).to.include("Nội dung vẫn còn dưới đây");
    const otherSite = await t.api.post(`${url}/feedback`).set("Sec-Fetch-Site", "cross-site").field("token", token).field("text", "Giả mạo");
    expect(otherSite.status).to.equal(403);
    const otherOrigin = await t.api.post(`${url}/feedback`).set("Origin", "https://evil.example").field("token", token).field("text", "Giả mạo");
    expect(otherOrigin.status).to.equal(403);
    // a token of another work's form does not serve this one
    const b = await work(t, w, { name: "Nhà văn hóa" });
    const other = await t.api.post(`/u/ha/works/${b.id}/feedback`).field("token", token).field("text", "Giả mạo");
    expect(other.status).to.equal(403);
    expect((await t.db("feedback").count({ n: "*" }))[0].n).to.satisfy((n: unknown) => Number(n) === 2);
  });

  it("when a household gives its opinion on the open consultation through the page, then the tally counts it and the page thanks it; a wrong PIN is refused on the page; the staff link of a consultation opens its work's page", async () => {
    const t = await testApp({ now: "2025-06-15T03:00:00.000Z" });
    const { w, a, url } = await setUp(t);
    const c = await fixtureConsultation(t, { hamletA: w.hamletA, board: w.board }, w.hamletA, a.id);
    const h = await householdWithPin(t, w.hamletA, "DT-001");
    const page = await t.api.get(url);
    expect(page.text).to.include("Đồng ý làm đường?");
    const action = `${url}/consultations/${c.id}/opinion`;
    const token = tokenOf(page.text, action);
    const wrong = await t.api.post(action).type("form").send({ token, choice: "agree", householdCode: h.code, pin: h.pin === "000000" ? "111111" : "000000", comment: "Nên làm sớm" });
    expect(wrong.status).to.equal(403);
    expect(wrong.text).to.include("Chưa gửi được: Mã hộ hoặc mã PIN không đúng");
    expect(wrong.text).to.include(">Nên làm sớm</textarea>");
    const ok = await t.api.post(action).type("form").send({ token, choice: "agree", householdCode: h.code, pin: h.pin, comment: "Nên làm sớm" });
    expect(ok.status, ok.text).to.equal(303);
    expect(ok.headers.location).to.equal(`${url}?sent=opinion-${c.id}#y-kien-${c.id}`);
    const after = await t.api.get(`${url}?sent=opinion-${c.id}`);
    expect(after.text).to.include("Đã ghi ý kiến của hộ.");
    expect((await t.as().get(`/public/consultations/${c.id}`)).body.tally).to.deep.equal({ agree: 1, disagree: 0, abstain: 0 });
    const noChoice = await t.api.post(action).type("form").send({ token, householdCode: h.code, pin: h.pin });
    expect(noChoice.status).to.equal(400);

    // one still to open is named with its opening, without a form
    const later = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/works/${a.id}/consultations`, { question: "Chọn nhà thầu nào?", opensAt: "2025-07-01T00:00:00Z", closesAt: "2025-07-30T00:00:00Z" });
    expect(later.status, JSON.stringify(later.body)).to.equal(201);
    const withLater = (await t.api.get(url)).text;
    expect(withLater).to.include("Chọn nhà thầu nào?");
    expect(withLater).to.include("Chưa mở: các hộ gửi ý kiến từ 01/07/2025 07:00.");
    expect(withLater).to.not.include(`${url}/consultations/${later.body.id}/opinion`);

    const link = await t.api.get(`/consultations/${c.id}`);
    expect(link.status).to.equal(302);
    expect(link.headers.location).to.equal(`${url}#y-kien-${c.id}`);
    expect((await t.api.get("/consultations/999999")).status).to.equal(404);
  });
});
