import { expect } from "chai";
import sharp from "sharp";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { testApp } from "../helpers/app";
import { refused } from "../helpers/refused";
import { world } from "../helpers/given";
import { fixtureAttachment, PNG, work } from "../helpers/given-works";

// Residents send photos with their feedback. A photo is uploaded first, anonymously, to
// POST /public/works/:workId/feedback/photos (jpeg, png, webp by content, ≤ 10 MB, one per request,
// rate-limited per address); its id is cited in the feedback's `photos`, once, and only for that work.
// The board sees the photos in its list; the public sees them on the work's page once answered.

// Real pictures (8×8): photos are decoded and re-encoded when stored. FAKE_JPEG only starts like one.
const JPEG = Buffer.from("/9j/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAIAAgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAT/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFAEBAAAAAAAAAAAAAAAAAAAABv/EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAMAwEAAhEDEQA/AKQAI2f/2Q==", "base64");
const WEBP = Buffer.from("UklGRjoAAABXRUJQVlA4IC4AAADQAQCdASoIAAgAAUAmJaACdLoB+AADsAD+pNf/TSPGkeNI+Yt/84ljqd3aAAAA", "base64");
const FAKE_JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100, 1)]);
/** A different 8×8 JPEG for each n (re-encoding the same picture would store one file). */
const jpegNo = (n: number) => sharp({ create: { width: 8, height: 8, channels: 3, background: { r: (n * 9) % 256, g: 40, b: 200 } } }).jpeg().toBuffer();

function files(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => fs.statSync(path.join(dir, f)).isFile()) : [];
}

async function setUp() {
  const dir = path.join(os.tmpdir(), `cfl-feedback-${process.pid}-${Date.now()}`);
  const t = await testApp({ env: { FILES_DIR: dir } });
  const w = await world(t, { only: ["treasurerA", "inspector"] });
  const a = await work(t, w);
  const up = (bytes: Buffer, name: string, type = "image/jpeg", workId = a.id) =>
    t.api.post(`/api/v1/public/works/${workId}/feedback/photos`).attach("file", bytes, { filepath: name, contentType: type } as any);
  return { t, w, a, dir, up };
}

describe("supervision: residents' photos with feedback", () => {
  it("when a PHP file named .jpg, an SVG, HTML, a PDF, an 11 MB image, a name with ../ or a damaged JPEG is sent, then it is refused and nothing is stored", async () => {
    const { t, dir, up } = await setUp();
    await refused(t, () => up(Buffer.from('<?php system($_GET["c"]); ?>'), "anh.jpg"), 415, "unsupported_file_type");
    await refused(t, () => up(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), "x.svg", "image/svg+xml"), 415, "unsupported_file_type");
    await refused(t, () => up(Buffer.from("<html><body>hi</body></html>"), "x.png", "image/png"), 415, "unsupported_file_type");
    // a PDF is a staff document, not a resident's photo
    await refused(t, () => up(Buffer.from("%PDF-1.4\n%âãÏÓ\n"), "don.pdf", "application/pdf"), 415, "unsupported_file_type");
    await refused(t, () => up(Buffer.concat([JPEG, Buffer.alloc(11 * 1024 * 1024)]), "lon.jpg"), 413, "file_too_large");
    await refused(t, () => up(JPEG, "../../x.jpg"), 400, "validation_failed");
    // what only starts like a JPEG is no photo: it cannot be re-encoded, so it is not stored
    await refused(t, () => up(FAKE_JPEG, "gia.jpg"), 422, "invalid_image");
    // JSON is not an upload
    await refused(t, () => t.as().post(`/public/works/${1}/feedback/photos`, { file: "x" }), 415, "unsupported_media_type");
    expect(files(dir)).to.deep.equal([]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("when a resident uploads photos and cites them, then the board sees them with the feedback, and the public only once it is answered", async () => {
    const { t, w, a, dir, up } = await setUp();
    const p1 = await up(JPEG, "duong-nut.jpg");
    expect(p1.status, JSON.stringify(p1.body)).to.equal(201);
    expect(p1.body).to.deep.include({ workId: a.id, type: "image/jpeg" });
    const p2 = await up(PNG, "anh.png", "text/html");
    expect(p2.body.type).to.equal("image/png");
    const p3 = await up(WEBP, "anh.webp", "image/webp");
    expect(p3.body.type).to.equal("image/webp");
    expect(files(dir)).to.have.length(3);
    // not public before the board answers
    await refused(t, () => t.as().get(`/public/attachments/${p1.body.id}`), 404, "not_found");

    const F = `/public/works/${a.id}/feedback`;
    const fb = await t.as().post(F, { text: "Mặt đường nứt sau một tuần", name: "Người dân", photos: [p1.body.id, p2.body.id] });
    expect(fb.status, JSON.stringify(fb.body)).to.equal(201);
    // a photo serves one feedback
    await refused(t, () => t.as().post(F, { text: "Lần nữa", photos: [p1.body.id] }), 404, "not_found");

    const list = await t.as(w.inspector.token).get(`/boards/${w.board}/feedback`);
    const mine = list.body.data.find((f: any) => f.id === fb.body.id);
    expect(mine.photos).to.deep.equal([p1.body.id, p2.body.id]);
    expect(mine.photoUrls).to.deep.equal([`/api/v1/units/${w.hamletA}/attachments/${p1.body.id}`, `/api/v1/units/${w.hamletA}/attachments/${p2.body.id}`]);
    const seen = await t.as(w.inspector.token).get(mine.photoUrls[0].replace("/api/v1", "")).buffer(true);
    expect(seen.status).to.equal(200);
    expect(seen.headers["content-type"]).to.equal("image/jpeg");

    let pub = await t.as().get(`/public/works/${a.id}`);
    expect(pub.body.feedback).to.deep.equal([]);
    await refused(t, () => t.as().get(`/public/attachments/${p2.body.id}`), 404, "not_found");

    const ans = await t.as(w.inspector.token).post(`/boards/${w.board}/feedback/${fb.body.id}/answer`, { text: "Ban đã yêu cầu nhà thầu sửa" });
    expect(ans.status, JSON.stringify(ans.body)).to.equal(200);
    pub = await t.as().get(`/public/works/${a.id}`);
    expect(pub.body.feedback.map((f: any) => [f.text, f.photos])).to.deep.equal([
      ["Mặt đường nứt sau một tuần", [`/api/v1/public/attachments/${p1.body.id}`, `/api/v1/public/attachments/${p2.body.id}`]],
    ]);
    const got = await t.as().get(`/public/attachments/${p2.body.id}`).buffer(true);
    expect(got.status).to.equal(200);
    expect(got.headers["content-type"]).to.equal("image/png");
    // the picture, re-encoded when stored: a 1×1 PNG with nothing beside its pixels
    const meta = await sharp(Buffer.from(got.body)).metadata();
    expect([meta.format, meta.width, meta.height, meta.exif, meta.xmp, meta.iptc]).to.deep.equal(["png", 1, 1, undefined, undefined, undefined]);
    // the photo never cited stays private
    await refused(t, () => t.as().get(`/public/attachments/${p3.body.id}`), 404, "not_found");
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("when a photo is cited for another work, or a work does not exist, then 404 and nothing changes; JSON feedback without photos is as before", async () => {
    const { t, w, a, dir, up } = await setUp();
    const b = await work(t, w, { name: "Mương thoát nước" });
    const p = await up(JPEG, "anh.jpg");
    await refused(t, () => t.as().post(`/public/works/${b.id}/feedback`, { text: "Ảnh của công trình khác", photos: [p.body.id] }), 404, "not_found");
    await refused(t, () => up(JPEG, "anh.jpg", "image/jpeg", 999999), 404, "not_found");
    await refused(t, () => t.as().post(`/public/works/${a.id}/feedback`, { text: "Sáu ảnh", photos: [1, 2, 3, 4, 5, 6] }), 400, "validation_failed");
    // as before: the unit's own attachments may be cited by id (not made public by an answer)
    const staff = await fixtureAttachment(t, w, w.hamletA);
    const f = await t.as().post(`/public/works/${a.id}/feedback`, { text: "Theo ảnh hóa đơn", photos: [staff.id] });
    expect(f.status, JSON.stringify(f.body)).to.equal(201);
    await t.as(w.inspector.token).post(`/boards/${w.board}/feedback/${f.body.id}/answer`, { text: "Đã xem" });
    expect((await t.as().get(`/public/works/${a.id}`)).body.feedback[0].photos).to.deep.equal([]);
    await refused(t, () => t.as().get(`/public/attachments/${staff.id}`), 404, "not_found");
    // the photo is still unclaimed and serves a feedback on its own work
    expect((await t.as().post(`/public/works/${a.id}/feedback`, { text: "Ảnh đúng công trình", photos: [p.body.id] })).status).to.equal(201);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("when one address uploads too many photos, then 429 with Retry-After and nothing stored, until the hour has passed", async () => {
    const { t, dir, up } = await setUp();
    for (let n = 0; n < 25; n++) expect((await up(await jpegNo(n), `anh-${n}.jpg`)).status).to.equal(201);
    expect(files(dir)).to.have.length(25);
    let limited: Awaited<ReturnType<typeof up>> | undefined;
    await refused(t, async () => (limited = await up(await jpegNo(99), "them.jpg")), 429, "too_many_requests");
    expect(Number(limited!.headers["retry-after"])).to.be.greaterThan(0);
    expect(files(dir)).to.have.length(25);
    t.clock.advance(60 * 60_000);
    expect((await up(JPEG, "sau-mot-gio.jpg")).status).to.equal(201);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
