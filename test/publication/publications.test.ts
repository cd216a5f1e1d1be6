import crypto from "node:crypto";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { testApp, TestApp } from "../helpers/app";
import { user, world, World } from "../helpers/given";
import { grantRole, systemActor } from "../../src/identity";
import { fixtureAttachment } from "../helpers/given-works";
import { binary, keep, moneyedHamlet, pdfText, readXlsx, requireTool } from "./helpers";

// Publications (drafted by a treasurer, approved by another person who heads the unit,
// generated once and stored), the public's list, downloads and verification,
// corrections with the changes since, the board's opinion under the hash, proof of posting.

const BASE = "https://soquy.tanlinh.example";
const HEX64 = /^[0-9a-f]{64}$/;

async function setUp() {
  const t = await testApp({ now: "2025-06-15T03:00:00.000Z", env: { PUBLIC_BASE_URL: BASE } });
  const w = await world(t, { only: ["root", "communeAdmin", "treasurerA", "headA", "inspector"] });
  const money = await moneyedHamlet(t, w);
  return { t, w, ...money };
}

const draft = (statement: object, extra: object = {}) => ({ statement, places: ["culture_house", "commune_office", "loudspeaker", "website"], postedFrom: "2025-06-16", postedUntil: "2025-07-16", ...extra });

async function publish(t: TestApp, w: Pick<World, "hamletA" | "treasurerA" | "headA">, statement: object, extra: object = {}) {
  const d = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/publications`, draft(statement, extra));
  expect(d.status, JSON.stringify(d.body)).to.equal(201);
  const a = await t.as(w.headA.token).post(`/units/${w.hamletA}/publications/${d.body.id}/approve`);
  expect(a.status, JSON.stringify(a.body)).to.equal(200);
  return a.body;
}

const download = (t: TestApp, p: string) => t.api.get(`/api/v1${p}`).buffer(true).parse(binary);

/** The URL in the first QR code on a PDF's last page (pdftoppm renders it, jsQR reads it). */
function qrOf(pdf: Buffer, page: number): string | undefined {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cfl-qr-"));
  fs.writeFileSync(path.join(dir, "a.pdf"), pdf);
  execFileSync("pdftoppm", ["-png", "-r", "150", "-f", String(page), "-l", String(page), path.join(dir, "a.pdf"), path.join(dir, "p")]);
  const file = fs.readdirSync(dir).find((f) => f.endsWith(".png"))!;
  const png = PNG.sync.read(fs.readFileSync(path.join(dir, file)));
  fs.rmSync(dir, { recursive: true, force: true });
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}

describe("publication: publications and their verification", () => {
  it("when a treasurer drafts and another person who heads the hamlet approves, then the stored statement is public and verifies; a stale copy says so", async function () {
    requireTool("pdftotext", this);
    const { t, w, campaignId, households } = await setUp();
    const statement = { kind: "contribution-list", params: { campaignId } };
    // the law's minimum posting period (30 days by default)
    const short = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/publications`, draft(statement, { postedUntil: "2025-07-15" }));
    expect(short.status).to.equal(422);
    expect(short.body.code).to.equal("posting_too_short");
    const d = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/publications`, draft(statement));
    expect(d.status).to.equal(201);
    expect(d.body.status).to.equal("draft");
    // admins neither draft nor approve; nobody approves their own draft
    expect((await t.as(w.communeAdmin.token).post(`/units/${w.hamletA}/publications`, draft(statement))).status).to.equal(403);
    expect((await t.as(w.root).post(`/units/${w.hamletA}/publications/${d.body.id}/approve`)).status).to.equal(403);
    const both = await user(t, "both.a", { role: "treasurer", unitId: w.hamletA });
    await t.db.transaction((trx) => grantRole(trx, systemActor(t.clock.now().toISOString()), both.id, { role: "head", unitId: w.hamletA }));
    const own = await t.as(both.token).post(`/units/${w.hamletA}/publications`, draft(statement));
    const self = await t.as(both.token).post(`/units/${w.hamletA}/publications/${own.body.id}/approve`);
    expect(self.status).to.equal(403);
    expect(self.body.code).to.equal("approver_is_drafter");
    // a draft is not public
    expect((await download(t, `/public/publications/${d.body.id}.pdf`)).status).to.equal(404);
    expect((await t.as().get(`/public/units/${w.hamletA}/publications`)).body.data).to.deep.equal([]);

    const a = await t.as(w.headA.token).post(`/units/${w.hamletA}/publications/${d.body.id}/approve`);
    expect(a.status).to.equal(200);
    expect(a.body).to.include({ status: "published" });
    expect(a.body.code).to.match(/^[A-Z2-9]{10}$/);
    expect(a.body.dataHash).to.match(HEX64);
    expect(a.body.chainHead).to.match(/^[0-9]+:[0-9a-f]{64}$/);
    expect((await t.as(w.headA.token).post(`/units/${w.hamletA}/publications/${d.body.id}/approve`)).status).to.equal(409);
    expect(a.body.announcement).to.include("Tổng số tiền đã đóng góp");
    expect(a.body.announcement).to.match(/năm triệu|triệu/);

    // public: the list, the stored files, the same bytes every time
    const list = await t.as().get(`/public/units/${w.hamletA}/publications`);
    expect(list.status).to.equal(200);
    expect(list.body.data).to.have.length(1);
    for (const k of ["id", "kind", "params", "places", "postedFrom", "postedUntil", "publishedAt", "code", "dataHash", "chainHead"]) expect(list.body.data[0]).to.have.property(k);
    expect(list.body.data[0]).to.include({ id: d.body.id, kind: "contribution-list", code: a.body.code, dataHash: a.body.dataHash, chainHead: a.body.chainHead });
    expect((await t.as().get(`/public/units/${w.hamletB}/publications`)).body.data).to.deep.equal([]);
    const pdf = await download(t, `/public/publications/${d.body.id}.pdf`);
    expect(pdf.status).to.equal(200);
    expect(pdf.headers["x-data-hash"]).to.equal(a.body.dataHash);
    expect(pdf.headers["x-chain-head"]).to.equal(a.body.chainHead);
    expect(crypto.createHash("sha256").update(pdf.body).digest("hex")).to.equal(pdf.headers["x-file-sha256"]);
    expect((await download(t, `/public/publications/${d.body.id}.pdf`)).body.equals(pdf.body)).to.equal(true);
    keep("published-contribution-list.pdf", pdf.body);
    const text = pdfText(pdf.body);
    for (const h of households) expect(text).to.include(`${h.code} ${h.name}`);
    expect(text).to.include(`Mã xác minh: ${a.body.code}`);
    expect(text).to.include(a.body.dataHash);
    expect(text).to.include(a.body.chainHead);
    expect(text).to.include(`${BASE}/verify/${a.body.code}`);
    expect(text).to.include("Duyệt công bố: head.a");
    const pages = Number(/Trang 1\/(\d+)/.exec(text)![1]);
    expect(qrOf(pdf.body, pages)).to.equal(`${BASE}/verify/${a.body.code}?hash=${a.body.dataHash}`);
    const xlsx = await download(t, `/public/publications/${d.body.id}.xlsx`);
    expect(xlsx.status).to.equal(200);
    expect(JSON.stringify((await readXlsx(xlsx.body)).getWorksheet("Thông tin")!.getSheetValues())).to.include(a.body.dataHash);

    // verification: genuine; one character of the hash changed; an unknown code
    const ok = await t.as().get(`/public/verify/${a.body.code}?hash=${a.body.dataHash}`);
    expect(ok.status).to.equal(200);
    expect(ok.body).to.include({ genuine: true, kind: "contribution-list", publishedAt: a.body.publishedAt, chainHead: a.body.chainHead, current: true, newerEntries: 0 });
    expect(ok.body.unit).to.include({ id: w.hamletA, name: "Thôn Đồng Tâm" });
    const flipped = a.body.dataHash.replace(/^./, (c: string) => (c === "0" ? "1" : "0"));
    const bad = await t.as().get(`/public/verify/${a.body.code}?hash=${flipped}`);
    expect(bad.status).to.equal(200);
    expect(bad.body).to.deep.equal({ genuine: false });
    expect((await t.as().get(`/public/verify/ZZZZZZZZZZ?hash=${a.body.dataHash}`)).status).to.equal(404);
    // the uploaded PDF: genuine; one byte changed is not
    const up = await t.api.post("/api/v1/public/verify").attach("file", pdf.body, "copy.pdf");
    expect(up.status).to.equal(200);
    expect(up.body).to.include({ genuine: true, code: a.body.code });
    const tampered = Buffer.from(pdf.body);
    tampered[Math.floor(tampered.length / 2)] ^= 0x01;
    const up2 = await t.api.post("/api/v1/public/verify").attach("file", tampered, "copy.pdf");
    expect(up2.status).to.equal(200);
    expect(up2.body.genuine).to.equal(false);

    // a new entry after publication: the copy is still genuine, but no longer current
    const r = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/contributions`, { householdId: households[5].id, campaignId, amount: "200000", date: "2025-06-14", method: "cash" });
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    const stale = await t.as().get(`/public/verify/${a.body.code}?hash=${a.body.dataHash}`);
    expect(stale.body).to.include({ genuine: true, current: false, newerEntries: 1 });
  });

  it("when a correction supersedes a publication, then both stay public and the correction lists the entries added and reversed since", async function () {
    requireTool("pdftotext", this);
    const { t, w, campaignId, households } = await setUp();
    const first = await publish(t, w, { kind: "contribution-list", params: { campaignId } });
    const as = t.as(w.treasurerA.token);
    const added = await as.post(`/units/${w.hamletA}/contributions`, { householdId: households[6].id, campaignId, amount: "300000", date: "2025-06-14", method: "cash" });
    const rev = await as.post(`/units/${w.hamletA}/contributions/${added.body.id}/reversal`, { date: "2025-06-15", reason: "Nhầm hộ" });
    expect(rev.status).to.equal(201);
    // not the same scope: refused
    const other = await as.post(`/units/${w.hamletA}/publications`, draft({ kind: "journal", params: { from: "2025-01-01", to: "2025-06-30" } }, { supersedes: first.id }));
    expect(other.status).to.equal(422);
    expect(other.body.code).to.equal("supersedes_other_scope");
    const second = await publish(t, w, { kind: "contribution-list", params: { campaignId } }, { supersedes: first.id });
    expect(second.supersedes).to.equal(first.id);
    const list = (await t.as().get(`/public/units/${w.hamletA}/publications`)).body.data;
    expect(list.map((p: { id: number }) => p.id)).to.deep.equal([second.id, first.id]);
    expect(list[1].supersededBy).to.equal(second.id);
    const pdf = await download(t, `/public/publications/${second.id}.pdf`);
    keep("correction.pdf", pdf.body);
    const text = pdfText(pdf.body);
    expect(text).to.include("Thay đổi so với lần công khai trước");
    expect(text).to.include(first.code);
    expect(text).to.include(added.body.voucherNo);
    expect(text).to.include(`Đảo ${added.body.voucherNo}`);
    expect(text).to.include(rev.body.voucherNo);
    const wb = await readXlsx((await download(t, `/public/publications/${second.id}.xlsx`)).body);
    expect(wb.worksheets.map((s) => s.name)).to.deep.equal(["Danh sách đóng góp", "Thay đổi", "Thông tin"]);
    // a second correction of the same one is refused
    const again = await as.post(`/units/${w.hamletA}/publications`, draft({ kind: "contribution-list", params: { campaignId } }, { supersedes: first.id }));
    expect(again.status).to.equal(409);
  });

  it("when the board objects on a draft, then the published statement prints the objection under its hash; after publication it cannot be added", async function () {
    requireTool("pdftotext", this);
    const { t, w, campaignId } = await setUp();
    const statement = { kind: "receipts-payments", params: { from: "2025-01-01", to: "2025-06-30" } };
    const d = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/publications`, draft(statement));
    const o = await t.as(w.inspector.token).post(`/units/${w.hamletA}/publications/${d.body.id}/board-opinions`, { stance: "objection", text: "Khoản tạm ứng 300.000 đồng chưa có chứng từ gốc." });
    expect(o.status, JSON.stringify(o.body)).to.equal(201);
    expect(o.body.opinions[0]).to.include({ board: "Ban GSĐTCĐ", stance: "objection", by: "inspector" });
    const staff = await t.api.get(`/api/v1/units/${w.hamletA}/statements/receipts-payments.pdf?from=2025-01-01&to=2025-06-30`).set("Authorization", `Bearer ${w.treasurerA.token}`).buffer(true).parse(binary);
    const a = await t.as(w.headA.token).post(`/units/${w.hamletA}/publications/${d.body.id}/approve`);
    expect(a.status).to.equal(200);
    // same books, same chain head: only the opinion differs, and the hash covers it
    expect(a.body.chainHead).to.equal(staff.headers["x-chain-head"]);
    expect(a.body.dataHash).to.not.equal(staff.headers["x-data-hash"]);
    const text = pdfText((await download(t, `/public/publications/${d.body.id}.pdf`)).body);
    expect(text).to.include("Ý kiến của Ban Giám sát");
    expect(text).to.include("Phản đối — Ban GSĐTCĐ");
    expect(text).to.include("Khoản tạm ứng 300.000 đồng chưa có chứng từ gốc.");
    const late = await t.as(w.inspector.token).post(`/units/${w.hamletA}/publications/${d.body.id}/board-opinions`, { stance: "sign_off", text: "Đồng ý" });
    expect(late.status).to.equal(409);
    const list = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/publications`, draft({ kind: "contribution-list", params: { campaignId } }));
    const na = await t.as(w.inspector.token).post(`/units/${w.hamletA}/publications/${list.body.id}/board-opinions`, { stance: "sign_off", text: "Đồng ý" });
    expect(na.status).to.equal(422);
  });

  it("when the paper is posted and taken down before the legal minimum, then the public list shows where it hung and flags the removal", async () => {
    const { t, w } = await setUp();
    const p = await publish(t, w, { kind: "trial-balance", params: { from: "2025-01-01", to: "2025-06-30" } });
    const as = t.as(w.treasurerA.token);
    const photo = await fixtureAttachment(t, w, w.hamletA);
    const early = await as.post(`/units/${w.hamletA}/publications/${p.id}/postings`, { place: "culture_house", postedAt: "2025-05-01T01:00:00Z", by: "Trần Văn Tổ", photoAttachmentId: photo.id });
    expect(early.status, JSON.stringify(early.body)).to.equal(201);
    const kept = await as.post(`/units/${w.hamletA}/publications/${p.id}/postings`, { place: "commune_office", postedAt: "2025-05-02T01:00:00Z", by: "Văn phòng xã" });
    t.clock.set("2025-06-15T03:00:00.000Z");
    const down = await t.as(w.headA.token).post(`/units/${w.hamletA}/publications/${p.id}/postings/${early.body.id}/taken-down`, { takenDownAt: "2025-05-20T10:00:00Z" });
    expect(down.status).to.equal(200);
    expect(down.body).to.include({ removedEarly: true, minimumUntil: "2025-05-31" });
    expect((await t.as(w.headA.token).post(`/units/${w.hamletA}/publications/${p.id}/postings/${early.body.id}/taken-down`, { takenDownAt: "2025-05-21T10:00:00Z" })).status).to.equal(409);
    const pub = (await t.as().get(`/public/units/${w.hamletA}/publications`)).body.data[0];
    expect(pub.postings.map((x: { place: string; removedEarly: boolean }) => [x.place, x.removedEarly])).to.deep.equal([["culture_house", true], ["commune_office", false]]);
    expect(pub.postings[0]).to.include({ by: "Trần Văn Tổ", photoAttachmentId: photo.id, takenDownAt: "2025-05-20T10:00:00.000Z" });
    expect(kept.body.takenDownAt).to.equal(null);
  });
});
