import { expect } from "chai";
import crypto from "node:crypto";
import JSZip from "jszip";
import { testApp } from "../helpers/app";
import { refused } from "../helpers/refused";
import { world } from "../helpers/given";
import { fixtureAttachment } from "../helpers/given-works";
import { binary } from "../publication/helpers";

// L18: a unit's year as one archive — every statement it published (PDF and Excel), the journal as
// hledger, the year's audit trail, its attachments, and a manifest with each file's sha256 and the
// chain heads — for its admins and its boards.


describe("archive: the year's zip", () => {
  it("holds the year's statements, journal, audit trail and attachments, each hashed in the manifest with the chain heads", async () => {
    const t = await testApp({ now: "2026-01-10T03:00:00.000Z" });
    const w = await world(t, { only: ["treasurerA", "headA", "inspector", "communeAdmin", "treasurerB"] });
    const U = `/units/${w.hamletA}`;
    t.clock.set("2025-07-01T03:00:00.000Z");
    const api = t.as(w.treasurerA.token);
    expect((await api.post(`${U}/accounts`, { code: "411", name: "Quỹ làm đường", type: "net_assets" })).status).to.equal(201);
    const e = await api.post(`${U}/entries`, { date: "2025-06-02", kind: "opening", description: "Số dư đầu kỳ quỹ làm đường", postings: [{ account: "111", amount: "7500000" }, { account: "411", amount: "-7500000" }] });
    expect(e.status).to.equal(201);
    expect((await api.post(`${U}/accounts`, { code: "711", name: "Thu đóng góp làm đường", type: "revenue", parentCode: "411" })).status).to.equal(201);
    expect((await api.post(`${U}/entries`, { date: "2025-06-20", kind: "contribution", description: "Thu đóng góp làm đường", postings: [{ account: "111", amount: "2000000" }, { account: "711", amount: "-2000000" }] })).status).to.equal(201);
    const d = await api.post(`${U}/publications`, { statement: { kind: "trial-balance", params: { from: "2025-06-01", to: "2025-06-30" } }, places: ["culture_house"], postedFrom: "2025-07-01", postedUntil: "2025-08-15" });
    const p = await t.as(w.headA.token).post(`${U}/publications/${d.body.id}/approve`);
    expect(p.status, JSON.stringify(p.body)).to.equal(200);
    const photo = await fixtureAttachment(t, w, w.hamletA, 1);
    t.clock.set("2026-01-10T03:00:00.000Z");
    expect((await t.as(w.headA.token).post(`${U}/year-closings`, { year: 2025, fund: "411" })).status).to.equal(201);

    const r = await t.api.get(`/api/v1${U}/archive/2025.zip`).set("Authorization", `Bearer ${w.communeAdmin.token}`).buffer(true).parse(binary);
    expect(r.status, String(r.body)).to.equal(200);
    expect(r.headers["content-type"]).to.match(/application\/zip/);
    expect(r.headers["content-disposition"]).to.include("luu-tru-ha-2025.zip");
    const zip = await JSZip.loadAsync(r.body as Buffer);
    const names = Object.keys(zip.files).sort();
    const code = p.body.code as string;
    expect(names).to.include.members([`statements/${code}-trial-balance.pdf`, `statements/${code}-trial-balance.xlsx`, "journal-2025.journal", "audit-2025.jsonl", "manifest.json"]);
    expect(names.filter((n) => n.startsWith("attachments/"))).to.deep.equal([`attachments/${photo.id}-${photo.sha256.slice(0, 12)}.png`]);

    const manifest = JSON.parse(await zip.file("manifest.json")!.async("string"));
    expect(manifest.unit).to.deep.equal({ id: w.hamletA, code: "ha", name: "Thôn Đồng Tâm" });
    expect(manifest.year).to.equal(2025);
    // Every file but the manifest is in it, with the sha256 and size of what the zip holds.
    expect(manifest.files.map((f: { path: string }) => f.path).sort()).to.deep.equal(names.filter((n) => n !== "manifest.json"));
    for (const f of manifest.files as { path: string; size: number; sha256: string }[]) {
      const bytes = await zip.file(f.path)!.async("nodebuffer");
      expect(f.sha256, f.path).to.equal(crypto.createHash("sha256").update(bytes).digest("hex"));
      expect(f.size, f.path).to.equal(bytes.length);
    }
    // The published PDF is the very file residents download.
    const published = await t.api.get(`/api/v1/public/publications/${d.body.id}.pdf`).buffer(true).parse(binary);
    expect((await zip.file(`statements/${code}-trial-balance.pdf`)!.async("nodebuffer")).equals(published.body as Buffer)).to.equal(true);
    // The chain heads: now, and the year's end as its closing recorded it.
    const head = (await t.as().get(`/public/units/${w.hamletA}/chain-head`)).body;
    expect(manifest.chainHeads.current).to.equal(`${head.seq}:${head.hash}`);
    const closing = (await api.get(`${U}/closings`)).body.data.find((c: { through: string }) => c.through === "2025-12-31");
    expect(manifest.chainHeads.yearEnd).to.equal(`${closing.chainHead.seq}:${closing.chainHead.hash}`);
    const journal = await zip.file("journal-2025.journal")!.async("string");
    expect(journal).to.include("Số dư đầu kỳ quỹ làm đường");
    expect(journal).to.include("Kết chuyển thu, chi năm 2025");
    const audit = (await zip.file("audit-2025.jsonl")!.async("string")).trim().split("\n").map((l) => JSON.parse(l));
    expect(audit.map((a) => a.action)).to.include.members(["entry.posted", "publication.drafted", "publication.published", "attachment.uploaded"]);
    expect(audit.every((a) => a.at < "2025-12-31T17:00:00.000Z")).to.equal(true);
    expect(audit.map((a) => a.id)).to.deep.equal([...audit.map((a) => a.id)].sort((x, y) => x - y));

    // The board's inspector takes it too; treasurers may not.
    expect((await t.api.get(`/api/v1${U}/archive/2025.zip`).set("Authorization", `Bearer ${w.inspector.token}`).buffer(true).parse(binary)).status).to.equal(200);
    await refused(t, () => t.as(w.treasurerA.token).get(`${U}/archive/2025.zip`), 403, "forbidden");
    await refused(t, () => t.as(w.treasurerB.token).get(`${U}/archive/2025.zip`), 403, "forbidden");
  });
});
