import { expect } from "chai";
import { testApp } from "../helpers/app";
import { refused } from "../helpers/refused";
import { world } from "../helpers/given";
import { fixtureFinding, fixtureInspection, work } from "../helpers/given-works";
import { binary, pdfText, requireTool } from "../publication/helpers";

// law.md L3: each publication is due 10 working days after the event it reports; late ones, and
// findings and feedback not answered by their due date, show on the commune's deadlines with the
// apology letter a late answer calls for (the provincial guidance).

const draftBody = (from: string, to: string) => ({ statement: { kind: "trial-balance", params: { from, to } }, places: ["culture_house"], postedFrom: "2025-06-16", postedUntil: "2025-07-31" });



describe("deadlines: publish-by dates, late publications and overdue answers", () => {
  it("gives each publication its publish-by date, 10 working days after its period, and says when it is late", async () => {
    const t = await testApp({ now: "2025-06-15T03:00:00.000Z" });
    const w = await world(t, { only: ["treasurerA", "headA"] });
    const api = t.as(w.treasurerA.token);
    const U = `/units/${w.hamletA}`;
    const may = await api.post(`${U}/publications`, draftBody("2025-05-01", "2025-05-31"));
    expect(may.status, JSON.stringify(may.body)).to.equal(201);
    // 31/05 is a Saturday: ten working days are 02/06 … 13/06.
    expect(may.body.publishBy).to.equal("2025-06-13");
    expect(may.body.late).to.equal(true);
    const june = await api.post(`${U}/publications`, draftBody("2025-06-01", "2025-06-10"));
    expect(june.body.publishBy).to.equal("2025-06-24");
    expect(june.body.late).to.equal(false);
    // Published two days after its date, it stays late; the public list says so too.
    const approved = await t.as(w.headA.token).post(`${U}/publications/${may.body.id}/approve`);
    expect(approved.status, JSON.stringify(approved.body)).to.equal(200);
    expect(approved.body.late).to.equal(true);
    const pub = (await t.as().get(`/public/units/${w.hamletA}/publications`)).body.data[0];
    expect([pub.publishBy, pub.late]).to.deep.equal(["2025-06-13", true]);
    // The unit's public page says when it was due and that it came late.
    const page = await t.api.get("/u/ha");
    expect(page.status).to.equal(200);
    expect(page.text).to.include("hạn công khai 13/06/2025");
    expect(page.text).to.include("Có 1 bản công bố chậm hơn hạn");
  });

  it("lists a commune's late publications, overdue findings and feedback of its hamlets, each with an apology letter to sign", async function () {
    if (!requireTool("pdftotext", this)) return;
    // Everyone signs in on the day the deadlines are read; what is late was recorded earlier.
    const t = await testApp({ now: "2025-07-02T03:00:00.000Z" });
    const w = await world(t, { only: ["treasurerA", "headA", "inspector", "communeAdmin", "treasurerB"] });
    t.clock.set("2025-06-15T03:00:00.000Z");
    const api = t.as(w.treasurerA.token);
    const late = await api.post(`/units/${w.hamletA}/publications`, draftBody("2025-05-01", "2025-05-31"));
    const wk = await work(t, w);
    const inspection = await fixtureInspection(t, w, { workId: wk.id });
    const finding = await fixtureFinding(t, w, inspection.id, "minor", "2025-06-20");
    const fb = await t.as().post(`/public/works/${wk.id}/feedback`, { text: "Đoạn đường trước nhà văn hóa bị nứt sau một tuần." });
    expect(fb.status, JSON.stringify(fb.body)).to.equal(201);
    t.clock.set("2025-07-02T03:00:00.000Z");

    const d = await t.as(w.communeAdmin.token).get(`/units/${w.commune}/deadlines`);
    expect(d.status, JSON.stringify(d.body)).to.equal(200);
    expect(d.body.asOf).to.equal("2025-07-02");
    expect(d.body.latePublications.map((p: { id: number }) => p.id)).to.deep.equal([late.body.id]);
    expect(d.body.latePublications[0]).to.include({ unitName: "Thôn Đồng Tâm", status: "draft", publishBy: "2025-06-13" });
    const answers = d.body.overdueAnswers as { kind: string; id: number; dueDate: string; daysLate: number; responsible: string; apologyUrl: string }[];
    expect(answers.map((a) => [a.kind, a.id, a.dueDate])).to.deep.equal([["finding", finding.id, "2025-06-20"], ["feedback", fb.body.id, "2025-06-30"]]);
    expect(answers[0]).to.include({ daysLate: 12, responsible: "Trưởng thôn" });

    // The letter: who, what, when it was due, the apology and the new date (5 working days on).
    const letter = await t.api.get(answers[0].apologyUrl).set("Authorization", `Bearer ${w.communeAdmin.token}`).buffer(true).parse(binary);
    expect(letter.status, String(letter.body)).to.equal(200);
    expect(letter.headers["content-type"]).to.match(/application\/pdf/);
    const text = pdfText(letter.body as Buffer);
    for (const s of ["THƯ XIN LỖI", "Trưởng thôn", "Bê tông thiếu độ dày", "20/06/2025", "xin lỗi", "09/07/2025", "Ký, ghi rõ họ tên", "THÔN ĐỒNG TÂM"]) expect(text).to.include(s);
    // The hamlet's head takes the feedback's letter from the hamlet's own list.
    const own = (await t.as(w.headA.token).get(`/units/${w.hamletA}/deadlines`)).body.overdueAnswers[1];
    expect(own.apologyUrl).to.equal(`/api/v1/units/${w.hamletA}/deadlines/apologies/feedback/${fb.body.id}.pdf`);
    const fbLetter = await t.api.get(own.apologyUrl).set("Authorization", `Bearer ${w.headA.token}`).buffer(true).parse(binary);
    expect(fbLetter.status).to.equal(200);
    expect(pdfText(fbLetter.body as Buffer)).to.include("Đoạn đường trước nhà văn hóa bị nứt");

    // The hamlet's head sees the same of hamlet A; hamlet B's treasurer sees nothing of it.
    expect((await t.as(w.headA.token).get(`/units/${w.hamletA}/deadlines`)).body.overdueAnswers).to.have.length(2);
    await refused(t, () => t.as(w.treasurerB.token).get(`/units/${w.hamletA}/deadlines`), 404, "not_found");
    expect((await t.as(w.treasurerB.token).get(`/units/${w.hamletB}/deadlines`)).body).to.deep.include({ latePublications: [], overdueAnswers: [] });
    // An item that is not overdue has no letter.
    await refused(t, () => t.as(w.communeAdmin.token).get(`/units/${w.commune}/deadlines/apologies/finding/999999.pdf`), 404, "not_found");
  });
});
