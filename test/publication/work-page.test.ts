import { expect } from "chai";
import { testApp } from "../helpers/app";
import { world } from "../helpers/given";
import { work } from "../helpers/given-works";

// A resident reads a work's page without logging in — status, estimate, spent, progress,
// and the findings of published inspections with their answers. Nothing a draft or filed
// inspection says shows there; every value goes through eta's escaping.

describe("publication: a work's public page", () => {
  it("when an inspection of a work is published and its finding answered, then the work's page shows the finding, its status and answer, escaped; the unit's page links the work", async () => {
    const t = await testApp({ now: "2025-06-15T03:00:00.000Z" });
    const w = await world(t, { only: ["treasurerA", "headA", "inspector"] });
    const a = await work(t, w, { name: `Đường <b>xóm 3</b> & "ngõ"` });
    const ins = t.as(w.inspector.token);
    const I = `/boards/${w.board}/inspections`;
    const subject = { subject: { workId: a.id }, date: "2025-06-10", membersPresent: [w.inspector.id], checklist: [{ item: "materials", result: "issue" }] };
    const shown = await ins.post(I, subject);
    const hidden = await ins.post(I, subject);
    const f = await ins.post(`${I}/${shown.body.id}/findings`, { category: "chất lượng", severity: "major", description: "Mặt đường mỏng <script>alert(1)</script>", recommendation: "Đổ bù 3 cm", addressedTo: "Trưởng thôn", dueDate: "2025-07-10" });
    expect(f.status, JSON.stringify(f.body)).to.equal(201);
    await ins.post(`${I}/${hidden.body.id}/findings`, { category: "bí mật", severity: "minor", description: "Chưa công bố điều này", recommendation: "x", addressedTo: "x", dueDate: "2025-07-10" });
    for (const to of ["filed", "published"]) expect((await ins.post(`${I}/${shown.body.id}/transitions`, { to })).status).to.equal(200);
    expect((await t.as(w.headA.token).post(`/findings/${f.body.id}/transitions`, { to: "answered", text: "Thôn đã đổ bù ngày 14/6" })).status).to.equal(200);

    const page = await t.api.get(`/u/ha/works/${a.id}`);
    expect(page.status).to.equal(200);
    expect(page.headers["content-type"]).to.equal("text/html; charset=utf-8");
    expect(page.text).to.include("Đường &lt;b&gt;xóm 3&lt;/b&gt; &amp; &quot;ngõ&quot;");
    expect(page.text).to.include("Đề xuất"); // status
    expect(page.text).to.include("80.000.000"); // estimate
    expect(page.text).to.include("Mặt đường mỏng &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page.text).to.not.include("<script>alert(1)");
    expect(page.text).to.include("Nghiêm trọng");
    expect(page.text).to.include("Đã trả lời");
    expect(page.text).to.include("Thôn đã đổ bù ngày 14/6");
    expect(page.text).to.not.include("Chưa công bố điều này");

    const unit = await t.api.get("/u/ha");
    expect(unit.text).to.include(`href="/u/ha/works/${a.id}"`);
    expect(unit.text).to.include("1 kiến nghị chưa xong");

    // the address names the unit; nonsense is not found
    expect((await t.api.get(`/u/hb/works/${a.id}`)).status).to.equal(404);
    expect((await t.api.get("/u/ha/works/999999")).status).to.equal(404);
    expect((await t.api.get("/u/ha/works/abc")).status).to.equal(404);
  });
});
