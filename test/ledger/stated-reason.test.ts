import { expect } from "chai";
import { work } from "../helpers/given-works";
import { testApp } from "../helpers/app";
import { world } from "../helpers/given";
import { refused } from "../helpers/refused";

describe("ledger: a module's stated reason", function () {
  this.timeout(30_000);

  it("when a head proposes a work, then its cost accounts are opened for the work's stated reason, though a head may not open an account", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA", "headA"] });
    await refused(t, () => t.as(w.headA.token).post(`/units/${w.hamletA}/accounts`, { code: "899", name: "Chi khác", type: "expense" }), 403, "forbidden");

    const made = await work(t, w, {}, w.hamletA, w.headA.token);
    const opened = await t.db("audit_events").where({ action: "account.opened", unit_id: w.hamletA }).orderBy("id");
    const mine = opened.filter((e) => made.accounts.some((a) => (JSON.parse(e.details) as { code: string }).code === a.code));
    expect(mine).to.have.length(made.accounts.length);
    for (const e of mine) {
      expect(e.actor_id).to.equal(w.headA.id);
      expect(JSON.parse(e.details).reason).to.equal("a work's cost account");
    }

    // The treasurer opens one as ever: no reason to state, none recorded.
    expect((await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/accounts`, { code: "899", name: "Chi khác", type: "expense" })).status).to.equal(201);
    const own = await t.db("audit_events").where({ action: "account.opened", unit_id: w.hamletA }).orderBy("id", "desc").first();
    expect(JSON.parse(own.details)).to.deep.equal({ code: "899", name: "Chi khác" });
  });
});
