import { expect } from "chai";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import crypto from "node:crypto";
import { filePath, thumbnailPath } from "../../src/works/attachments";
import { insertAttachment } from "../../src/works/queries";
import { testApp, TestApp } from "../helpers/app";
import { refused } from "../helpers/refused";
import { world, World, WorldOf } from "../helpers/given";
import { FAKE_PNG, work } from "../helpers/given-works";

// Thumbnails for images. `?size=thumb` on both download routes answers a JPEG
// whose longest side is ≤ 320 px, turned upright by its EXIF orientation and stripped of every bit of
// metadata (a phone photo's GPS must not reach the public route); made once and kept beside the
// original; a PDF has none (404 no_thumbnail); a damaged image is a 422, never a crash. Since images
// are re-encoded when uploaded, the original keeps no metadata either.

const ROOT = path.resolve(__dirname, "../..");

/**
 * A phone photo as a camera writes it: the sensor's landscape pixels (640×400, left half red, right
 * half blue) with EXIF orientation 6 ("turn 90° clockwise to view": a portrait 400×640, red on top),
 * and where it was taken in its GPS block.
 */
async function phonePhoto(quality = 90): Promise<Buffer> {
  const red = await sharp({ create: { width: 320, height: 400, channels: 3, background: { r: 220, g: 20, b: 20 } } }).png().toBuffer();
  return sharp({ create: { width: 640, height: 400, channels: 3, background: { r: 20, g: 20, b: 220 } } })
    .composite([{ input: red, left: 0, top: 0 }])
    .withExif({
      IFD0: { Make: "PhoneCo", Model: "Pho 12", ImageDescription: "Xom 3 site" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "21/1 1/1 4500/100", GPSLongitudeRef: "E", GPSLongitude: "105/1 51/1 1200/100", GPSMapDatum: "WGS-84" },
    })
    .withMetadata({ orientation: 6 })
    .jpeg({ quality })
    .toBuffer();
}

/** A PNG with transparency, 1000×500. */
const pngImage = () => sharp({ create: { width: 1000, height: 500, channels: 4, background: { r: 0, g: 128, b: 0, alpha: 0.5 } } }).png().toBuffer();

async function upload(t: TestApp, w: Pick<World, "hamletA" | "treasurerA">, bytes: Buffer, name: string, type: string) {
  const r = await t.api.post(`/api/v1/units/${w.hamletA}/attachments`).set("Authorization", `Bearer ${w.treasurerA.token}`).attach("file", bytes, { filepath: name, contentType: type } as any);
  expect(r.status, JSON.stringify(r.body)).to.equal(201);
  return r.body as { id: number; sha256: string; type: string };
}

/** A binary GET (supertest buffers image/* but not every type: ask for it). */
const bin = (req: any) => req.buffer(true).parse((res: any, cb: any) => {
  const chunks: Buffer[] = [];
  res.on("data", (c: Buffer) => chunks.push(c));
  res.on("end", () => cb(null, Buffer.concat(chunks)));
});

/** A thumbnail answer: a JPEG of ours, with the headers every thumbnail carries. */
async function expectThumbnail(r: any, scope: "public" | "private") {
  expect(r.status, r.body?.toString?.()).to.equal(200);
  expect(r.headers["content-type"]).to.equal("image/jpeg");
  expect(r.headers["x-content-type-options"]).to.equal("nosniff");
  expect(r.headers["cache-control"]).to.equal(`${scope}, max-age=31536000, immutable`);
  expect(r.headers["content-disposition"]).to.match(/^inline; filename="tep-\d+-nho\.jpg"$/);
  const bytes = r.body as Buffer;
  const meta = await sharp(bytes).metadata();
  expect(meta.format).to.equal("jpeg");
  expect(Math.max(meta.width!, meta.height!)).to.be.at.most(320);
  // no EXIF (orientation, camera, GPS), no XMP, no ICC profile, nothing
  expect(meta.exif, "EXIF").to.equal(undefined);
  expect(meta.xmp, "XMP").to.equal(undefined);
  expect(meta.icc, "ICC").to.equal(undefined);
  expect(meta.orientation).to.equal(undefined);
  for (const s of ["Exif", "WGS-84", "PhoneCo", "Xom 3"]) expect(bytes.includes(Buffer.from(s)), s).to.equal(false);
  return { bytes, meta };
}

/** The colour of a pixel of a JPEG. */
async function pixel(jpeg: Buffer, x: number, y: number) {
  const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * info.channels;
  return { r: data[i], g: data[i + 1], b: data[i + 2] };
}

describe("works: thumbnails of image attachments", () => {
  let files: string;
  let t: TestApp;
  let w: WorldOf<"treasurerA" | "headA" | "treasurerB" | "inspector">;
  // A database per test (the helpers close it after each one), and a files folder of its own.
  beforeEach(async () => {
    files = fs.mkdtempSync(path.join(require("node:os").tmpdir(), "cfl-thumbs-"));
    t = await testApp({ env: { FILES_DIR: files } });
    w = await world(t, { only: ["treasurerA", "headA", "treasurerB", "inspector"] });
  });
  afterEach(() => fs.rmSync(files, { recursive: true, force: true }));

  it("when a phone photo with EXIF orientation and GPS is asked for as a thumbnail, then it is a JPEG ≤ 320 px, upright, without any metadata, made once and kept beside the original", async () => {
    const photo = await phonePhoto();
    const original = await sharp(photo).metadata();
    expect([original.width, original.height, original.orientation]).to.deep.equal([640, 400, 6]);
    expect(photo.includes(Buffer.from("WGS-84"))).to.equal(true); // the GPS block is really there
    const a = await upload(t, w, photo, "IMG_2025.jpg", "image/jpeg");
    const cache = thumbnailPath(files, a.sha256);
    expect(path.dirname(cache)).to.equal(path.join(files, a.sha256.slice(0, 2), a.sha256.slice(2, 4)));
    expect(fs.existsSync(cache)).to.equal(false);

    const r = await bin(t.as(w.treasurerA.token).get(`/units/${w.hamletA}/attachments/${a.id}?size=thumb`));
    const { bytes, meta } = await expectThumbnail(r, "private");
    // turned upright: a portrait 200×320, the sensor's left half (red) now on top, its right half (blue) below
    expect([meta.width, meta.height]).to.deep.equal([200, 320]);
    const top = await pixel(bytes, 100, 20);
    const bottom = await pixel(bytes, 100, 300);
    expect(top.r).to.be.above(150);
    expect(top.b).to.be.below(100);
    expect(bottom.b).to.be.above(150);
    expect(bottom.r).to.be.below(100);
    // cached on disk beside the original, keyed by its hash; the next answer is those bytes
    expect(fs.readFileSync(cache).equals(bytes)).to.equal(true);
    const again = await bin(t.as(w.inspector.token).get(`/units/${w.hamletA}/attachments/${a.id}?size=thumb`));
    expect(again.status).to.equal(200);
    expect((again.body as Buffer).equals(bytes)).to.equal(true);
    // its ETag answers a revalidation with 304
    const etag = again.headers.etag;
    expect(etag).to.be.a("string");
    const notModified = await t.as(w.headA.token).get(`/units/${w.hamletA}/attachments/${a.id}?size=thumb`).set("If-None-Match", etag);
    expect(notModified.status).to.equal(304);
    // the original as stored was re-encoded when uploaded: the same picture, upright, and nothing else
    const full = await bin(t.as(w.treasurerA.token).get(`/units/${w.hamletA}/attachments/${a.id}`));
    const fm = await sharp(full.body as Buffer).metadata();
    expect([fm.format, fm.width, fm.height, fm.orientation, fm.exif, fm.xmp, fm.iptc, fm.icc]).to.deep.equal(["jpeg", 400, 640, undefined, undefined, undefined, undefined, undefined]);
    for (const s of ["Exif", "WGS-84", "PhoneCo", "Xom 3"]) expect((full.body as Buffer).includes(Buffer.from(s)), s).to.equal(false);
    expect(full.headers["cache-control"]).to.equal("private, max-age=0");
  });

  it("when a PNG with transparency is asked for, then its thumbnail is a 320×160 JPEG on white", async () => {
    const a = await upload(t, w, await pngImage(), "so-do.png", "image/png");
    const r = await bin(t.as(w.headA.token).get(`/units/${w.hamletA}/attachments/${a.id}?size=thumb`));
    const { bytes, meta } = await expectThumbnail(r, "private");
    expect([meta.width, meta.height]).to.deep.equal([320, 160]);
    const p = await pixel(bytes, 160, 80); // half-transparent green over white
    expect(p.g).to.be.above(150);
    expect(p.r).to.be.within(100, 160);
  });

  it("when a PDF's thumbnail is asked for, then it is 404 no_thumbnail (there is no such picture), naming its type", async () => {
    const a = await upload(t, w, Buffer.from("%PDF-1.4\n%âãÏÓ\n1 0 obj << >> endobj\n%%EOF\n"), "bien-ban.pdf", "application/pdf");
    const p = await refused(t, () => t.as(w.treasurerA.token).get(`/units/${w.hamletA}/attachments/${a.id}?size=thumb`), 404, "no_thumbnail");
    expect(p.type).to.equal("/problems/no_thumbnail");
    expect(p).to.include({ id: a.id });
    expect(p.detail).to.contain("application/pdf");
    expect(fs.existsSync(thumbnailPath(files, a.sha256))).to.equal(false);
  });

  it("when a damaged image (right magic bytes, no picture) is uploaded, then 422 invalid_image; one stored before that rule gets 422 unreadable_image for its thumbnail, and the server goes on serving", async () => {
    const up = (bytes: Buffer, name: string, type: string) => t.api.post(`/api/v1/units/${w.hamletA}/attachments`).set("Authorization", `Bearer ${w.treasurerA.token}`).attach("file", bytes, { filepath: name, contentType: type } as any);
    await refused(t, () => up(FAKE_PNG, "hong.png", "image/png"), 422, "invalid_image");
    await refused(t, async () => up((await phonePhoto()).subarray(0, 600), "cut.jpg", "image/jpeg"), 422, "invalid_image");
    expect(fs.readdirSync(files, { recursive: true })).to.deep.equal([]);
    // stored as it came, by a version that did not re-encode
    const sha256 = crypto.createHash("sha256").update(FAKE_PNG).digest("hex");
    fs.mkdirSync(path.dirname(filePath(files, sha256)), { recursive: true });
    fs.writeFileSync(filePath(files, sha256), FAKE_PNG);
    const a = {
      sha256,
      id: await insertAttachment(t.db, { unit_id: w.hamletA, sha256, mime: "image/png", size: FAKE_PNG.length, original_name: "hong.png", uploaded_by: null, uploaded_by_name: null, created_at: t.clock.now().toISOString() }),
    };
    await refused(t, () => t.as(w.treasurerA.token).get(`/units/${w.hamletA}/attachments/${a.id}?size=thumb`), 422, "unreadable_image");
    await refused(t, () => t.as(w.treasurerA.token).get(`/units/${w.hamletA}/attachments/${a.id}?size=thumb`), 422, "unreadable_image");
    expect(fs.existsSync(thumbnailPath(files, a.sha256))).to.equal(false);
    const ok = await upload(t, w, await pngImage(), "ok.png", "image/png");
    await expectThumbnail(await bin(t.as(w.treasurerA.token).get(`/units/${w.hamletA}/attachments/${ok.id}?size=thumb`)), "private");
    // and the original of the damaged one still downloads
    expect((await t.as(w.treasurerA.token).get(`/units/${w.hamletA}/attachments/${a.id}`)).status).to.equal(200);
  });

  it("when someone who may not read the original asks for its thumbnail, then the answer is the original's (404 in hamlet B, 401 unsigned); a size that is not ours is 400", async () => {
    const a = await upload(t, w, await phonePhoto(), "anh.jpg", "image/jpeg");
    await refused(t, () => t.as(w.treasurerB.token).get(`/units/${w.hamletA}/attachments/${a.id}`), 404, "not_found");
    await refused(t, () => t.as(w.treasurerB.token).get(`/units/${w.hamletA}/attachments/${a.id}?size=thumb`), 404, "not_found");
    // nor through hamlet B's own path
    await refused(t, () => t.as(w.treasurerB.token).get(`/units/${w.hamletB}/attachments/${a.id}?size=thumb`), 404, "not_found");
    await refused(t, () => t.as().get(`/units/${w.hamletA}/attachments/${a.id}?size=thumb`), 401, "unauthenticated");
    const bad = await refused(t, () => t.as(w.treasurerA.token).get(`/units/${w.hamletA}/attachments/${a.id}?size=large`), 400, "validation_failed");
    expect(bad.errors[0].path).to.match(/size/);
    // nothing was made for those who were refused
    expect(fs.existsSync(thumbnailPath(files, a.sha256))).to.equal(false);
  });

  it("when a photo documents a work's progress, then the public route serves its thumbnail (stripped, cached publicly); unpublished, it is 404 like the original", async () => {
    const photo = await phonePhoto();
    expect(photo.includes(Buffer.from("WGS-84"))).to.equal(true);
    const a = await upload(t, w, photo, "tien-do.jpg", "image/jpeg");
    // another picture (the same one at another quality is the same picture once re-encoded, stored once)
    const hidden = await upload(t, w, await pngImage(), "rieng.png", "image/png");
    await refused(t, () => t.as().get(`/public/attachments/${a.id}?size=thumb`), 404, "not_found");
    const wk = await work(t, w);
    const pr = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/works/${wk.id}/progress`, { date: "2025-06-10", percent: 20, photos: [a.id] });
    expect(pr.status, JSON.stringify(pr.body)).to.equal(201);
    const r = await bin(t.as().get(`/public/attachments/${a.id}?size=thumb`));
    const { meta } = await expectThumbnail(r, "public"); // no EXIF, no GPS
    expect([meta.width, meta.height]).to.deep.equal([200, 320]);
    // the original stays as it was on the public route (no change there)
    expect((await t.as().get(`/public/attachments/${a.id}`)).status).to.equal(200);
    // an attachment that documents nothing public: refused like its original, nothing made
    await refused(t, () => t.as().get(`/public/attachments/${hidden.id}?size=thumb`), 404, "not_found");
    await refused(t, () => t.as().get(`/public/attachments/${hidden.id}`), 404, "not_found");
    expect(fs.existsSync(thumbnailPath(files, hidden.sha256))).to.equal(false);
    await refused(t, () => t.as().get(`/public/attachments/${a.id}?size=huge`), 400, "validation_failed");
  });

  it("when the app starts, then sharp is not loaded (it loads on the first thumbnail)", () => {
    const out = execFileSync(process.execPath, ["--import", "tsx", "-e", "require('./src/app'); require('./src/works/attachments'); console.log(Object.keys(require.cache).some((k) => /[\\\\/]sharp[\\\\/]/.test(k)))"], { cwd: ROOT, encoding: "utf8" });
    expect(out.trim()).to.equal("false");
  });
});
