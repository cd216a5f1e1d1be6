import { expect } from "chai";
import type { Knex } from "knex";
import request from "supertest";
import { createApp } from "../../src/app";
import { loadConfig } from "../../src/config";
import { silentLogger } from "../../src/http/logger";
import { systemActor } from "../../src/identity";
import { postEntries, verifyChain } from "../../src/ledger";
import { setUpUnit } from "../../src/modules";
import { proposeWork } from "../../src/works";
import { workBody } from "../helpers/given-works";
import { fixedClock } from "../../src/shared/dates";
import { rangeFor } from "../../src/national/id-ranges";
import { provincesOf } from "../../src/national/registry";
import { addProvince } from "../../src/national/subscribe";
import { dropProvince, statusOf } from "../../src/national/unsubscribe";
import { tempDir } from "../helpers/db";
import { cannotReplicate, Cluster, copied, makeCluster, removeCluster, urlOf, within } from "./cluster";

// Two provinces, each on its own database, and the national read copy that subscribes to both.

const AT = "2025-06-15T03:00:00.000Z";
const actor = systemActor(AT, "test");

/** A province with a commune and a hamlet, codes prefixed so that two provinces never share one. */
async function province(db: Knex, p: string) {
  return db.transaction(async (trx) => {
    const prov = await setUpUnit(trx, actor, { code: `${p}-tinh`, name: `Tỉnh ${p.toUpperCase()}`, kind: "province" });
    const commune = await setUpUnit(trx, actor, { code: `${p}-xa`, name: `Xã ${p.toUpperCase()}`, kind: "commune", parentId: prov.id });
    const hamlet = await setUpUnit(trx, actor, { code: `${p}-thon`, name: `Thôn ${p.toUpperCase()}`, kind: "hamlet", parentId: commune.id });
    return { province: prov.id, commune: commune.id, hamlet: hamlet.id };
  });
}

async function post(db: Knex, unitId: number, n: number, from = 0) {
  for (let i = 0; i < n; i++) {
    await db.transaction((trx) =>
      postEntries(trx, actor, unitId, [{ date: "2025-03-01", kind: "adjustment", description: `Nhận giữ hộ ${from + i}`, postings: [{ account: "111", amount: String(1000 + i) }, { account: "338", amount: String(-1000 - i) }] }]),
    );
  }
}

const count = async (db: Knex, table: string, where: Record<string, unknown>) => Number(((await db(table).where(where).count({ n: "*" })) as { n: string }[])[0].n);
const head = async (db: Knex, unitId: number) => (await db("ledger_heads").where({ unit_id: unitId }).first()) as { seq: string; hash: string } | undefined;

describe("national copy: two provinces replicate into one read copy", function () {
  this.timeout(120_000);
  let c: Cluster;

  before(async function () {
    const why = await cannotReplicate();
    if (why) {
      if (process.env.CI === "true") throw new Error(`replication tests cannot run in CI: ${why}`);
      console.log(`    national replication tests skipped: ${why}`);
      this.skip();
    }
    c = await makeCluster();
  });

  after(async () => {
    if (c) await removeCluster(c);
  });

  it("writes in both provinces appear on the national copy within 5 seconds, with the ids they were given; the read copy serves them and refuses writes", async () => {
    const a = await province(c.a, "an");
    const b = await province(c.b, "binh");
    expect(BigInt(a.hamlet) >= rangeFor(7, "integer").from, "province A's new ids are in its range").to.equal(true);
    expect(BigInt(b.hamlet) >= rangeFor(8, "integer").from).to.equal(true);
    await post(c.a, a.hamlet, 3);
    await post(c.b, b.hamlet, 2);
    // A database that never ran with INSTALLATION_ID has no range of its own: it cannot join.
    let refused: Error | undefined;
    await addProvince(c.national, urlOf(c.names.national), { at: AT }).catch((e: Error) => (refused = e));
    expect(refused?.message).to.contain("start its server once with INSTALLATION_ID");
    await addProvince(c.national, urlOf(c.names.a), { publicUrl: "https://soquy.an.example", at: AT });
    await addProvince(c.national, urlOf(c.names.b), { publicUrl: "https://soquy.binh.example", at: AT });
    // What was there before the subscription is copied; what comes after streams.
    await within(60_000, async () => (await copied(c.national)) && (await count(c.national, "entries", { unit_id: a.hamlet })) === 3 && (await count(c.national, "entries", { unit_id: b.hamlet })) === 2 && (await c.national("ledger_heads").count({ n: "*" }))[0].n === "2");
    await post(c.a, a.hamlet, 2, 3);
    await post(c.b, b.hamlet, 1, 2);
    const treasurer = { ...actor, scopes: [{ role: "treasurer" as const, unitId: null, path: "/" }] };
    const work = await c.b.transaction((trx) => proposeWork(trx, treasurer, b.hamlet, { ...workBody({ name: "Đường bê tông xóm Bình" }), estimate: [{ category: "materials", amount: "10000000" }], funding: [] } as any));
    const took = await within(5_000, async () => (await count(c.national, "entries", { unit_id: a.hamlet })) === 5 && (await count(c.national, "entries", { unit_id: b.hamlet })) === 3 && Number((await head(c.national, a.hamlet))?.seq) === 5 && (await count(c.national, "works", { id: work.id })) === 1);
    expect(took).to.be.below(5_000);
    // Nothing private travels.
    expect(await count(c.national, "audit_events", {})).to.equal(0);

    // A chain verified on the national copy gives the same head as on its province.
    const onProvince = await verifyChain(c.a, actor, a.hamlet);
    const onNational = await verifyChain(c.national, actor, a.hamlet);
    expect(onNational).to.deep.equal(onProvince);
    expect(await head(c.national, a.hamlet)).to.deep.equal(await head(c.a, a.hamlet));

    // The read copy: public reads of both provinces, every write refused naming the province's address.
    const config = Object.freeze({ ...loadConfig({ LOG_LEVEL: "silent", DEMO_DATA: "false", FILES_DIR: tempDir(), PUBLIC_BASE_URL: "https://soquy.quocgia.example", READ_ONLY_COPY: "true" }), database: { client: "postgres" as const, connectionString: urlOf(c.names.national) } });
    const api = request(createApp({ db: c.national, config, clock: fixedClock(AT), logger: silentLogger }));
    const ha = await api.get(`/api/v1/public/units/${a.hamlet}/chain-head`);
    expect(ha.status).to.equal(200);
    expect(ha.body.seq).to.equal(5);
    expect(ha.body.hash).to.equal((await head(c.a, a.hamlet))!.hash);
    expect((await api.get(`/api/v1/public/units/${b.hamlet}/chain-head`)).body.seq).to.equal(3);
    const oc4ids = await api.get(`/api/v1/public/units/${b.hamlet}/oc4ids.json`);
    expect(oc4ids.status).to.equal(200);
    expect(oc4ids.body.projects.map((p: { title: string }) => p.title)).to.deep.equal(["Đường bê tông xóm Bình"]);
    const w = await api.post(`/api/v1/units/${b.hamlet}/entries`).send({ date: "2025-03-01", kind: "adjustment", description: "x", postings: [] });
    expect(w.status).to.equal(403);
    expect(w.headers["content-type"]).to.contain("application/problem+json");
    expect(w.body.code).to.equal("read_only_copy");
    expect(w.body.publicUrl).to.equal("https://soquy.binh.example");
    expect(w.body.detail).to.contain("https://soquy.binh.example");
    const login = await api.post("/api/v1/auth/login").send({ username: "admin", password: "matkhau-demo" });
    expect(login.status).to.equal(403);

    const status = await statusOf(c.national);
    expect(status.map((s) => [s.installationId, s.running])).to.deep.equal([[7, true], [8, true]]);
    expect(status.every((s) => s.lagBytes !== null)).to.equal(true);
    // Caught up: each province's sender runs and its copy is behind by well under the 5 s allowed.
    expect(status.every((s) => s.lagSeconds !== null && s.lagSeconds < 5), JSON.stringify(status)).to.equal(true);
  });

  it("a migration applied to the national copy first, then to the provinces, keeps replication flowing", async () => {
    const [a] = (await c.a("units").where({ code: "an-thon" }).select("id")) as { id: number }[];
    // Logical replication carries no DDL: every side runs the same migration, the national copy first.
    await c.national.raw("ALTER TABLE works ADD COLUMN IF NOT EXISTS funded_note varchar(200)");
    await post(c.a, a.id, 1, 100); // between the two steps the province still streams
    await within(5_000, async () => (await count(c.national, "entries", { unit_id: a.id })) === 6);
    await c.a.raw("ALTER TABLE works ADD COLUMN IF NOT EXISTS funded_note varchar(200)");
    await c.b.raw("ALTER TABLE works ADD COLUMN IF NOT EXISTS funded_note varchar(200)");
    await post(c.a, a.id, 1, 101);
    await within(5_000, async () => (await count(c.national, "entries", { unit_id: a.id })) === 7);
    // Adding the province again after an upgrade brings its publication up to date and keeps it going.
    await addProvince(c.national, urlOf(c.names.a), { at: AT });
    await post(c.a, a.id, 1, 102);
    await within(5_000, async () => (await count(c.national, "entries", { unit_id: a.id })) === 8);
    expect((await provincesOf(c.national)).find((p) => p.installationId === 7)?.publicUrl).to.equal("https://soquy.an.example");
  });

  it("dropping a province removes its rows from the national copy; adding it again rebuilds them", async () => {
    const [a] = (await c.a("units").where({ code: "an-thon" }).select("id")) as { id: number }[];
    const [b] = (await c.b("units").where({ code: "binh-thon" }).select("id")) as { id: number }[];
    const bEntries = await count(c.national, "entries", { unit_id: b.id });
    await dropProvince(c.national, 7);
    expect(await count(c.national, "entries", { unit_id: a.id })).to.equal(0);
    expect(await count(c.national, "postings", { unit_id: a.id })).to.equal(0);
    expect(await count(c.national, "units", { code: "an-tinh" })).to.equal(0);
    expect(await count(c.national, "entries", { unit_id: b.id }), "the other province stays").to.equal(bEntries);
    await post(c.a, a.id, 1, 200); // written while it is not replicated
    await addProvince(c.national, urlOf(c.names.a), { publicUrl: "https://soquy.an.example", at: AT });
    // Each table is copied on its own: the head arrives with, or just after, the entries.
    const want = await head(c.a, a.id);
    await within(60_000, async () => (await copied(c.national)) && (await count(c.national, "entries", { unit_id: a.id })) === 9 && JSON.stringify(await head(c.national, a.id)) === JSON.stringify(want));
    expect(await verifyChain(c.national, actor, a.id)).to.deep.equal(await verifyChain(c.a, actor, a.id));
  });
});
