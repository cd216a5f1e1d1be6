import { expect } from "chai";
import { testApp } from "../helpers/app";
import { world } from "../helpers/given";
import { work } from "../helpers/given-works";
import { decision, households } from "../decisions/given";

// law.md L12: a work the community pays for is supervised by a Ban GSĐTCĐ, set up when it is
// approved. Approving one that no such board supervises answers what to do next.

describe("supervision: approving a community-funded work asks for its board", () => {
  it("when a work the residents pay for is approved with no Ban GSĐTCĐ over it, then the answer says a board is needed and where; with a board set up for it, or paid by the commune, it says nothing", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA", "headA", "communeAdmin"] });
    // the world's board oversees hamlet A: here it oversees nothing
    await t.db("board_units").where({ board_id: w.board }).delete();
    await households(t, w.hamletA, 10);
    const passed = await decision(t, w.hamletA, { subject: "work_investment", agree: 8, upto: "recognised" });
    const approve = (id: number) => t.as(w.headA.token).post(`/units/${w.hamletA}/works/${id}/transitions`, { to: "approved", decisionId: passed.id });

    const a = await work(t, w, { name: "Đường bê tông xóm 3" });
    const first = await approve(a.id);
    expect(first.status, JSON.stringify(first.body)).to.equal(200);
    expect(first.body.status).to.equal("approved");
    expect(first.body.next).to.deep.equal({
      code: "board_needed",
      message: "Công trình có tiền, công của nhân dân đóng góp nhưng chưa có Ban Giám sát đầu tư của cộng đồng giám sát: đề nghị xã thành lập Ban hoặc giao cho một Ban hiện có.",
      communeId: w.commune,
    });

    // a board set up for the next work: no prompt
    const b = await work(t, w, { name: "Nhà văn hóa xóm 4" });
    const board = await t.as(w.communeAdmin.token).post(`/units/${w.commune}/boards`, { kind: "gsdtcd", name: "Ban GSĐTCĐ nhà văn hóa xóm 4", oversees: { workIds: [b.id] } });
    expect(board.status, JSON.stringify(board.body)).to.equal(201);
    const second = await approve(b.id);
    expect(second.status, JSON.stringify(second.body)).to.equal(200);
    expect(second.body).to.not.have.property("next");

    // paid by the commune alone: not the community's board to set up
    const c = await work(t, w, { name: "Cống thoát nước", funding: [{ source: "commune", amount: "80000000" }] });
    const third = await t.as(w.headA.token).post(`/units/${w.hamletA}/works/${c.id}/transitions`, { to: "approved", decision: { date: "2025-06-01", minutesRef: "BB-02", householdsTotal: 100, householdsAgreeing: 51 } });
    expect(third.status, JSON.stringify(third.body)).to.equal(200);
    expect(third.body).to.not.have.property("next");
  });
});
