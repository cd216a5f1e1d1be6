import { expect } from "chai";
import { testApp } from "../helpers/app";
import { world } from "../helpers/given";
import { refused } from "../helpers/refused";
import { decision, households } from "../decisions/given";
import { binary, keep, pdfText, readXlsx, requireTool } from "./helpers";

// A residents' decision's result (thông báo kết quả quyết định của cộng đồng, law.md L3): once the
// commune recognised it, the hamlet tells its households the counts against the register's total and
// the threshold, whether it passed and who recognised it — never a household's own choice.

describe("publication: a decision's result", () => {
  it("when a decision is recognised, then its result reads as PDF and Excel with the counts and the threshold in words; one not yet recognised is refused", async function () {
    this.timeout(60_000);
    requireTool("pdftotext", this);
    const t = await testApp({ now: "2025-06-15T03:00:00.000Z" });
    const w = await world(t, { only: ["treasurerA", "treasurerB"] });
    await households(t, w.hamletA, 80);
    const done = await decision(t, w.hamletA, { agree: 54, title: "Mức đóng góp làm đường bê tông xóm 3" });
    const waiting = await decision(t, w.hamletA, { agree: 60, upto: "submitted", title: "Quy ước giữ vệ sinh chung", subject: "customary_rule" });

    const get = (ext: string, id: number, token = w.treasurerA.token, unitId = w.hamletA) =>
      t.api.get(`/api/v1/units/${unitId}/statements/decision.${ext}?decisionId=${id}`).set("Authorization", `Bearer ${token}`).buffer(true).parse(binary);
    const pdf = await get("pdf", done.id);
    expect(pdf.status, pdf.body.toString().slice(0, 300)).to.equal(200);
    keep("decision.pdf", pdf.body);
    const text = pdfText(pdf.body).replace(/\s+/g, " ");
    for (const s of [
      "THÔNG BÁO KẾT QUẢ QUYẾT ĐỊNH CỦA CỘNG ĐỒNG", "Về việc: Mức đóng góp làm đường bê tông xóm 3", "Hình thức lấy ý kiến: Họp, biểu quyết giơ tay",
      "Ngưỡng thông qua: ít nhất 2/3 tổng số hộ: 54/80", "Tổng số hộ trong sổ hộ ngày biểu quyết 80", "Số hộ đồng ý 54 67,5% tổng số hộ", "Số hộ không đồng ý 26",
      "Kết quả: Đã thông qua: 54/80 hộ đồng ý", "Công nhận: UBND xã Tân Linh công nhận ngày 15/06/2025",
    ]) expect(text, s).to.include(s);
    // counts only: no household is named
    expect(text).not.to.include("Chủ hộ H");
    const xlsx = await get("xlsx", done.id);
    expect(xlsx.status).to.equal(200);
    expect(xlsx.headers["x-data-hash"]).to.equal(pdf.headers["x-data-hash"]);
    const sheet = (await readXlsx(xlsx.body)).getWorksheet("Kết quả biểu quyết")!;
    expect(sheet.getRow(4).values).to.include("Số hộ đồng ý").and.to.include(54);

    // not recognised yet: nothing to tell residents (preview and draft alike); another hamlet's decision is not found
    await refused(t, () => t.as(w.treasurerA.token).get(`/units/${w.hamletA}/statements/decision.pdf?decisionId=${waiting.id}`), 422, "decision_not_recognised");
    const draft = (id: number) => () => t.as(w.treasurerA.token).post(`/units/${w.hamletA}/publications`, { statement: { kind: "decision", params: { decisionId: id } }, places: ["culture_house"], postedFrom: "2025-06-16", postedUntil: "2025-07-16" });
    await refused(t, draft(waiting.id), 422, "decision_not_recognised");
    expect((await t.db("publications").where({ unit_id: w.hamletA }).count({ n: "*" }))[0].n).to.satisfy((n: unknown) => Number(n) === 0);
    expect((await get("pdf", done.id, w.treasurerB.token, w.hamletB)).status).to.equal(404);
    await refused(t, () => t.as(w.treasurerA.token).get(`/units/${w.hamletA}/statements/decision.pdf`), 400, "validation_failed");
  });

  it("when a failed decision's result is published, then the public copy says it did not pass and verifies", async function () {
    this.timeout(60_000);
    requireTool("pdftotext", this);
    const t = await testApp({ now: "2025-06-15T03:00:00.000Z" });
    const w = await world(t, { only: ["treasurerA", "headA"] });
    await households(t, w.hamletA, 30);
    // a customary rule needs more than half: 15 of 30 is not
    const d = await decision(t, w.hamletA, { agree: 15, subject: "customary_rule", title: "Quy ước giữ vệ sinh chung" });
    const draft = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/publications`, { statement: { kind: "decision", params: { decisionId: d.id } }, places: ["culture_house"], postedFrom: "2025-06-16", postedUntil: "2025-07-16" });
    expect(draft.status, JSON.stringify(draft.body)).to.equal(201);
    expect(draft.body).to.include({ publishBy: "2025-06-27", late: false });
    const a = await t.as(w.headA.token).post(`/units/${w.hamletA}/publications/${draft.body.id}/approve`);
    expect(a.status, JSON.stringify(a.body)).to.equal(200);
    expect(a.body).to.include({ status: "published", kind: "decision" });
    const pub = await t.api.get(`/api/v1/public/publications/${draft.body.id}.pdf`).buffer(true).parse(binary);
    expect(pub.status).to.equal(200);
    keep("decision-published.pdf", pub.body);
    const shown = pdfText(pub.body).replace(/\s+/g, " ");
    expect(shown).to.include("Ngưỡng thông qua: quá nửa (trên 50%) tổng số hộ: 16/30");
    expect(shown).to.include("Kết quả: Không thông qua: 15/30 hộ đồng ý, chưa đạt quá nửa (trên 50%) tổng số hộ: 16/30.");
    const v = await t.as().get(`/public/verify/${a.body.code}?hash=${a.body.dataHash}`);
    expect(v.body).to.include({ genuine: true, kind: "decision" });
  });
});
