import { expect } from "chai";
import { rowCounts, testApp, TestApp } from "../helpers/app";
import { PASSWORD, world } from "../helpers/given";
import { seedDemo } from "../../seeds/demo";

// Boards as the law makes them: members with a role (one chair) and whether they represent the
// Fatherland Front; a Ban GSĐTCĐ of fewer than 5 or more than 7 members, or without a Front
// representative, is flagged, and a unit that requires it files no minutes until it is complete.

async function people(t: TestApp, token: string, n: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 1; i <= n; i++) {
    const r = await t.as(token).post("/users", { username: `tv${i}`, displayName: `Thành viên ${i}`, password: PASSWORD });
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    ids.push(r.body.id);
  }
  return ids;
}

describe("supervision: a board's make-up", () => {
  it("when the commune sets up a Ban GSĐTCĐ with a chair, a Front representative and five members, then it is complete; with one member it is flagged with why", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["communeAdmin", "inspector"] });
    const [a, b, c, d, e] = await people(t, w.communeAdmin.token, 5);
    const made = await t.as(w.communeAdmin.token).post(`/units/${w.commune}/boards`, {
      kind: "gsdtcd", name: "Ban GSĐTCĐ nhà văn hóa", oversees: { unitIds: [w.hamletA] },
      members: [
        { userId: a, role: "chair", frontRepresentative: true },
        { userId: b, role: "vice_chair", frontRepresentative: false },
        ...[c, d, e].map((userId) => ({ userId, role: "member", frontRepresentative: false })),
      ],
    });
    expect(made.status, JSON.stringify(made.body)).to.equal(201);
    expect(made.body.members).to.have.length(5);
    expect(made.body.members[0]).to.deep.equal({ userId: a, username: "tv1", displayName: "Thành viên 1", role: "chair", frontRepresentative: true });
    expect(made.body.composition).to.deep.equal({ complete: true, problems: [] });

    // The world's board: one inspector, no role given, no Front representative.
    const lone = await t.as(w.inspector.token).get(`/boards/${w.board}`);
    expect(lone.body.members[0]).to.include({ role: "member", frontRepresentative: false });
    expect(lone.body.composition).to.deep.equal({
      complete: false,
      problems: [{ code: "too_few_members", count: 1, min: 5 }, { code: "no_front_representative" }],
    });
  });

  it("when a second member is made chair, then it is refused (409) and the first stays chair; the database refuses two chairs too", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["communeAdmin", "inspector"] });
    const [a, b] = await people(t, w.communeAdmin.token, 2);
    const first = await t.as(w.communeAdmin.token).post(`/boards/${w.board}/members`, { userId: a, role: "chair", frontRepresentative: false });
    expect(first.status, JSON.stringify(first.body)).to.equal(200);
    const before = await rowCounts(t.db);
    const second = await t.as(w.communeAdmin.token).post(`/boards/${w.board}/members`, { userId: b, role: "chair", frontRepresentative: true });
    expect(second.status).to.equal(409);
    expect(second.body).to.include({ code: "board_has_chair" });
    expect(await rowCounts(t.db)).to.deep.equal(before);

    // The same member may change role; another may then take the chair.
    const moved = await t.as(w.communeAdmin.token).post(`/boards/${w.board}/members`, { userId: a, role: "vice_chair", frontRepresentative: true });
    expect(moved.body.members.find((m: { userId: number }) => m.userId === a)).to.include({ role: "vice_chair", frontRepresentative: true });
    expect((await t.as(w.communeAdmin.token).post(`/boards/${w.board}/members`, { userId: b, role: "chair", frontRepresentative: false })).status).to.equal(200);

    let refused: unknown = null;
    await t.db("grants").where({ user_id: a, board_id: w.board }).update({ board_role: "chair" }).catch((e: unknown) => (refused = e));
    expect(refused, "a second chair in the database").to.not.equal(null);
    const chairs = await t.db("grants").where({ board_id: w.board, board_role: "chair" }).select("user_id");
    expect(chairs).to.deep.equal([{ user_id: b }]);
  });

  it("when the commune requires complete boards, then an incomplete board's minutes wait (422 with the reasons) and file once the board is complete; not required, they file", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["communeAdmin", "inspector"] });
    const draft = async () => {
      const r = await t.as(w.inspector.token).post(`/boards/${w.board}/inspections`, { subject: { unitId: w.hamletA }, date: "2025-06-10", membersPresent: [w.inspector.id], checklist: [] });
      expect(r.status, JSON.stringify(r.body)).to.equal(201);
      return r.body.id as number;
    };
    const file = (id: number) => t.as(w.inspector.token).post(`/boards/${w.board}/inspections/${id}/transitions`, { to: "filed" });

    // The default: not required, an incomplete board files.
    expect((await t.as(w.communeAdmin.token).get(`/units/${w.commune}`)).body.boardCompositionRequired).to.equal(false);
    expect((await file(await draft())).status).to.equal(200);

    const set = await t.as(w.communeAdmin.token).patch(`/units/${w.commune}`, { boardCompositionRequired: true });
    expect(set.status, JSON.stringify(set.body)).to.equal(200);
    expect(set.body.boardCompositionRequired).to.equal(true);
    const id = await draft();
    const before = await rowCounts(t.db);
    const refused = await file(id);
    expect(refused.status).to.equal(422);
    expect(refused.body.code).to.equal("board_composition_incomplete");
    expect(refused.body.detail).to.include("Ban có 1 thành viên, cần từ 5 đến 7 thành viên").and.include("chưa có đại diện Ủy ban Mặt trận Tổ quốc");
    expect(await rowCounts(t.db)).to.deep.equal(before);
    expect((await t.as(w.inspector.token).get(`/boards/${w.board}/inspections/${id}`)).body.status).to.equal("draft");

    const more = await people(t, w.communeAdmin.token, 4);
    for (const [i, userId] of more.entries()) {
      const r = await t.as(w.communeAdmin.token).post(`/boards/${w.board}/members`, { userId, role: i === 0 ? "chair" : "member", frontRepresentative: i === 0 });
      expect(r.status, JSON.stringify(r.body)).to.equal(200);
    }
    const filed = await file(id);
    expect(filed.status, JSON.stringify(filed.body)).to.equal(200);
    expect(filed.body.status).to.equal("filed");
  });

  it("when a People's Inspection Board has three vice-chairs, then it is flagged; its size and the Front are not checked", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["communeAdmin"] });
    const ids = await people(t, w.communeAdmin.token, 3);
    const made = await t.as(w.communeAdmin.token).post(`/units/${w.commune}/boards`, {
      kind: "ttnd", name: "Ban TTND xã", oversees: { unitIds: [w.hamletA] },
      members: ids.map((userId) => ({ userId, role: "vice_chair", frontRepresentative: false })),
    });
    expect(made.status, JSON.stringify(made.body)).to.equal(201);
    expect(made.body.composition).to.deep.equal({ complete: false, problems: [{ code: "too_many_vice_chairs", count: 3, max: 2 }] });
  });
});

describe("supervision: the demo board", function () {
  this.timeout(120_000);
  it("when the demo data is loaded, then its Ban GSĐTCĐ has five members, a chair who represents the Front, and is not flagged", async () => {
    const t = await testApp({ now: "2026-12-01T03:00:00.000Z" });
    await t.db.transaction((trx) => seedDemo(trx, { at: t.clock.now().toISOString(), scryptCost: 1024 }));
    const login = await t.as().post("/auth/login", { username: "gs.thanhvien", password: "matkhau-demo" });
    const board = await t.db("boards").first("id");
    const r = await t.as(login.body.token).get(`/boards/${board.id}`);
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
    expect(r.body.members).to.have.length(5);
    expect(r.body.members.filter((m: { role: string }) => m.role === "chair")).to.have.length(1);
    expect(r.body.members.find((m: { role: string }) => m.role === "chair").frontRepresentative).to.equal(true);
    expect(r.body.composition).to.deep.equal({ complete: true, problems: [] });
  });
});
