import { expect } from "chai";
import { testApp } from "../helpers/app";
import { world } from "../helpers/given";
import { household } from "../helpers/given-contributions";
import { registerHouseholds } from "../../src/contributions";
import type { Actor } from "../../src/identity";

// A hamlet's register carried over from its old sheet at once: the same households, search text
// and audit trail as one at a time, and all or nothing.

describe("contributions: a hamlet's register as one list", () => {
  it("when the treasurer registers a list, then each household is there under its code, searchable without diacritics, each with its audit record", async () => {
    const t = await testApp({ now: "2025-01-05T03:00:00.000Z" });
    const w = await world(t, { only: ["treasurerA"] });
    const unit = await t.db("units").where({ id: w.hamletA }).first();
    const actor: Actor = {
      userId: w.treasurerA.id, username: "treasurer.a", displayName: "Thủ quỹ", sessionId: null,
      scopes: [{ role: "treasurer", unitId: w.hamletA, path: unit.path }], requestId: "test", ip: "127.0.0.1", at: t.clock.now().toISOString(),
    };
    const ids = await t.db.transaction((trx) => registerHouseholds(trx, actor, w.hamletA, [
      { code: "dt-101", headName: "  Nguyễn Văn Hường ", members: 4 },
      { code: "DT-102", headName: "Trần Thị Ánh" },
    ]));
    expect(ids).to.have.length(2);
    const first = await t.as(w.treasurerA.token).get(`/units/${w.hamletA}/households/${ids[0]}`);
    expect(first.status).to.equal(200);
    expect(first.body).to.include({ code: "DT-101", headName: "Nguyễn Văn Hường", members: 4, isActive: true });
    const found = await t.as(w.treasurerA.token).get(`/units/${w.hamletA}/households?q=huong`);
    expect(found.body.data.map((h: { id: number }) => h.id)).to.deep.equal([ids[0]]);
    const audit = await t.db("audit_events").where({ action: "household.registered" }).orderBy("id");
    expect(audit.map((a) => Number(a.entity_id))).to.deep.equal(ids);
  });

  it("when one code of the list is already registered (or repeated), then the list is refused and none of it is registered", async () => {
    const t = await testApp({ now: "2025-01-05T03:00:00.000Z" });
    const w = await world(t, { only: ["treasurerA"] });
    await household(t, w, "DT-001", { headName: "Nguyễn Văn An" });
    const unit = await t.db("units").where({ id: w.hamletA }).first();
    const actor: Actor = {
      userId: w.treasurerA.id, username: "treasurer.a", displayName: "Thủ quỹ", sessionId: null,
      scopes: [{ role: "treasurer", unitId: w.hamletA, path: unit.path }], requestId: "test", ip: "127.0.0.1", at: t.clock.now().toISOString(),
    };
    for (const list of [[{ code: "DT-002", headName: "Lê Văn Bình" }, { code: "dt-001", headName: "Nguyễn Văn An" }], [{ code: "DT-003", headName: "A" }, { code: "dt-003", headName: "B" }]]) {
      let err: unknown;
      await t.db.transaction((trx) => registerHouseholds(trx, actor, w.hamletA, list)).catch((e) => { err = e; });
      expect((err as { code?: string }).code).to.equal("duplicate");
    }
    const codes = (await t.db("households").where({ unit_id: w.hamletA }).select("code")).map((r) => r.code);
    expect(codes).to.deep.equal(["DT-001"]);
  });

  it("when someone without a writer's role on the hamlet asks, then nothing is registered", async () => {
    const t = await testApp({ now: "2025-01-05T03:00:00.000Z" });
    const w = await world(t, { only: ["treasurerA", "treasurerB"] });
    const unit = await t.db("units").where({ id: w.hamletB }).first();
    const other: Actor = {
      userId: w.treasurerB.id, username: "treasurer.b", displayName: "Thủ quỹ B", sessionId: null,
      scopes: [{ role: "treasurer", unitId: w.hamletB, path: unit.path }], requestId: "test", ip: "127.0.0.1", at: t.clock.now().toISOString(),
    };
    let err: unknown;
    await t.db.transaction((trx) => registerHouseholds(trx, other, w.hamletA, [{ code: "DT-009", headName: "Phạm Thị Hạnh" }])).catch((e) => { err = e; });
    expect((err as { status?: number }).status).to.equal(404);
    expect(Number((await t.db("households").where({ unit_id: w.hamletA }).count({ n: "*" }).first())?.n)).to.equal(0);
  });
});
