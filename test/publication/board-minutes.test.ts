import { expect } from "chai";
import { testApp } from "../helpers/app";
import { PASSWORD, world } from "../helpers/given";
import { binary, keep, pdfText, requireTool } from "./helpers";

// A board's minutes say how it is made up: each member's role and the Front's representative, and a
// Ban GSĐTCĐ not made up as the law says is flagged on its paper with why.

describe("publication: a board's make-up on its minutes", () => {
  it("when an incomplete board's minutes are printed, then they say 'Ban chưa đủ thành phần theo quy định' and why; once complete, they list the roles and the flag is gone", async function () {
    requireTool("pdftotext", this);
    const t = await testApp({ now: "2025-06-15T03:00:00.000Z" });
    const w = await world(t, { only: ["communeAdmin", "treasurerA", "inspector"] });
    const ins = t.as(w.inspector.token);
    const i = await ins.post(`/boards/${w.board}/inspections`, { subject: { unitId: w.hamletA }, date: "2025-06-10", membersPresent: [w.inspector.id], checklist: [{ item: "costs_disclosure", result: "ok" }] });
    expect((await ins.post(`/boards/${w.board}/inspections/${i.body.id}/transitions`, { to: "filed" })).status).to.equal(200);
    const pdf = async () => {
      const r = await t.api.get(`/api/v1/units/${w.hamletA}/statements/inspection-minutes.pdf?inspectionId=${i.body.id}`).set("Authorization", `Bearer ${w.treasurerA.token}`).buffer(true).parse(binary);
      expect(r.status).to.equal(200);
      return r.body as Buffer;
    };

    const flagged = await pdf();
    keep("board-minutes-incomplete.pdf", flagged);
    const text = pdfText(flagged).replace(/\s+/g, " ");
    expect(text).to.include("Ban chưa đủ thành phần theo quy định: Ban có 1 thành viên, cần từ 5 đến 7 thành viên; Ban chưa có đại diện Ủy ban Mặt trận Tổ quốc Việt Nam xã");

    const names = ["Lê Văn Bình", "Phạm Thị Hoa", "Đỗ Văn Hùng", "Vũ Thị Mai"];
    for (const [n, displayName] of names.entries()) {
      const u = await t.as(w.communeAdmin.token).post("/users", { username: `tv${n}`, displayName, password: PASSWORD });
      const r = await t.as(w.communeAdmin.token).post(`/boards/${w.board}/members`, { userId: u.body.id, role: n === 0 ? "chair" : "member", frontRepresentative: n === 0 });
      expect(r.status, JSON.stringify(r.body)).to.equal(200);
    }
    const whole = pdfText(await pdf()).replace(/\s+/g, " ");
    expect(whole).to.include("Thành phần Ban: inspector (Thành viên); Lê Văn Bình (Trưởng ban, đại diện MTTQ); Phạm Thị Hoa (Thành viên)");
    expect(whole).to.not.include("chưa đủ thành phần");
  });
});
