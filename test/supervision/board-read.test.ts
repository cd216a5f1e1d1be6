import { expect } from "chai";
import { testApp } from "../helpers/app";
import { world } from "../helpers/given";
import { work } from "../helpers/given-works";

// The board's screen reads its board: an inspector's grant names the board only.

describe("supervision: reading a board", () => {
  it("when an inspector or an admin of the commune reads the board, then they get what it oversees and its members; others are refused without data", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["communeAdmin", "treasurerA", "inspector"] });
    const a = await work(t, w);
    const made = await t.as(w.communeAdmin.token).post(`/units/${w.commune}/boards`, { kind: "gsdtcd", name: "Ban GSĐTCĐ đường xóm 3", oversees: { workIds: [a.id] } });
    expect(made.status, JSON.stringify(made.body)).to.equal(201);

    const mine = await t.as(w.inspector.token).get(`/boards/${w.board}`);
    expect(mine.status, JSON.stringify(mine.body)).to.equal(200);
    expect(mine.body).to.deep.include({ id: w.board, unitId: w.commune, kind: "gsdtcd", name: "Ban GSĐTCĐ", oversees: { unitIds: [w.hamletA], workIds: [] } });
    expect(mine.body.members).to.deep.equal([{ userId: w.inspector.id, username: "inspector", displayName: "inspector", role: "member", frontRepresentative: false }]);

    const other = await t.as(w.communeAdmin.token).get(`/boards/${made.body.id}`);
    expect(other.body.oversees).to.deep.equal({ unitIds: [w.hamletA], workIds: [a.id] });
    expect(other.body.members).to.deep.equal([]);

    // not a member of the other board; a treasurer of the commune's hamlet; nothing there at all
    expect((await t.as(w.inspector.token).get(`/boards/${made.body.id}`)).status).to.equal(403);
    const tr = await t.as(w.treasurerA.token).get(`/boards/${w.board}`);
    expect(tr.status).to.equal(403);
    expect(JSON.stringify(tr.body)).to.not.include("Ban GSĐTCĐ");
    expect((await t.as(w.inspector.token).get("/boards/999999")).status).to.equal(404);
    expect((await t.as().get(`/boards/${w.board}`)).status).to.equal(401);
  });
});
