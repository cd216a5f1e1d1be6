import { expect } from "chai";
import { prepareDatabase } from "../../src/boot";
import { silentLogger } from "../../src/http/logger";
import { countUsers } from "../../src/identity";
import { testApp } from "../helpers/app";

// The national copy is written by replication only: a server on it with READ_ONLY_COPY=true reads
// like any other and refuses every write, on the API and on the public pages' forms.

describe("national copy: a read-only server", function () {
  this.timeout(30_000);

  it("answers reads, and refuses every write with 403 read_only_copy as problem+json", async () => {
    const t = await testApp({ env: { READ_ONLY_COPY: "true" } });
    expect((await t.api.get("/healthz")).status).to.equal(200);
    expect((await t.as().get("/public/units/1/chain-head")).status).to.not.equal(403);
    for (const r of [
      t.as().post("/auth/login", { username: "admin", password: "matkhau-demo" }),
      t.as().post("/units/1/entries", {}),
      t.as().patch("/units/1", { name: "x" }),
      t.as().delete("/units/1/grants/1"),
      t.api.post("/u/ha/works/1/feedback").type("form").send({ text: "x" }),
    ]) {
      const res = await r;
      expect(res.status).to.equal(403);
      expect(res.headers["content-type"]).to.contain("application/problem+json");
      expect(res.body.code).to.equal("read_only_copy");
    }
    const en = await t.as(undefined, "en").post("/units/1/entries", {});
    expect(en.body.title).to.equal("This is a read-only copy");
    // Checking a paper is a read, even as an upload.
    expect((await t.as().post("/public/verify")).status).to.not.equal(403);
  });

  it("starts without writing: no first admin, no demo data", async () => {
    const t = await testApp({ env: { READ_ONLY_COPY: "true", DEMO_DATA: "true" } });
    const out = await prepareDatabase(t.db, t.config, t.clock, silentLogger);
    expect(out.generatedPassword).to.equal(undefined);
    expect(await countUsers(t.db)).to.equal(0);
  });
});
