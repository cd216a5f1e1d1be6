import { expect } from "chai";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import sharp from "sharp";
import * as scrubs from "../../migrations/20251207000100_attachment_scrubs";
import { prepareDatabase } from "../../src/boot";
import { silentLogger } from "../../src/http/logger";
import type { RouteDef } from "../../src/http/route";
import { filePath } from "../../src/works/attachments";
import { insertAttachment } from "../../src/works/queries";
import { testApp, TestApp } from "../helpers/app";
import { CALLERS } from "../helpers/authz";
import { tempDir } from "../helpers/db";
import { world, World } from "../helpers/given";
import { work } from "../helpers/given-works";
import { key, MATRIX, resolve } from "./route-cases";

// A phone photo says where it was taken. Every route that takes a file (found in the route table)
// gets a JPEG, a PNG and a WebP carrying EXIF with GPS, XMP, IPTC, an ICC profile and comments;
// every route that keeps it as an image must give back, by every way there is to read it (staff and
// public, original and thumbnail), pixels only.


// What the metadata says, so that no trace of it may be left anywhere in the bytes served.
const TRACES = ["WGS-84", "PhoneCo", "Xom 3 caption", "nha-ong-Ba", "21,1.75N", "Exif", "Photoshop 3.0", "xmpmeta"];
const XMP = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="21,1.75N" exif:GPSLongitude="105,51.2E"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;

/** A JPEG segment: marker, big-endian length (including itself), payload. */
const segment = (marker: number, payload: Buffer) => Buffer.concat([Buffer.from([0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]), payload]);

/** An APP13 (Photoshop) segment holding an IPTC caption, as news and photo software write it. */
function iptcSegment(caption: string): Buffer {
  const text = Buffer.from(caption);
  const iptc = Buffer.concat([Buffer.from([0x1c, 0x02, 0x78, text.length >> 8, text.length & 0xff]), text]);
  const padded = iptc.length % 2 ? Buffer.concat([iptc, Buffer.from([0])]) : iptc;
  const size = Buffer.alloc(4);
  size.writeUInt32BE(iptc.length);
  return segment(0xed, Buffer.concat([Buffer.from("Photoshop 3.0\0"), Buffer.from("8BIM"), Buffer.from([0x04, 0x04, 0, 0]), size, padded]));
}

/** A PNG text chunk (tEXt), inserted after IHDR. */
function withPngText(png: Buffer, keyword: string, text: string): Buffer {
  const data = Buffer.concat([Buffer.from(keyword), Buffer.from([0]), Buffer.from(text)]);
  const type = Buffer.from("tEXt");
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([type, data])) >>> 0);
  const ihdrEnd = 8 + 4 + 4 + 13 + 4;
  return Buffer.concat([png.subarray(0, ihdrEnd), len, type, data, crc, png.subarray(ihdrEnd)]);
}

/** Photos as a phone (and a photo editor after it) writes them: turned by EXIF, located, described. */
async function locatedPhotos(): Promise<{ name: string; type: string; bytes: Buffer }[]> {
  const red = await sharp({ create: { width: 32, height: 48, channels: 3, background: { r: 220, g: 20, b: 20 } } }).png().toBuffer();
  const base = () =>
    sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 20, g: 20, b: 220 } } })
      .composite([{ input: red, left: 0, top: 0 }])
      .withExif({
        IFD0: { Make: "PhoneCo", Model: "Pho 12", ImageDescription: "nha-ong-Ba" },
        IFD3: { GPSLatitudeRef: "N", GPSLatitude: "21/1 1/1 4500/100", GPSLongitudeRef: "E", GPSLongitude: "105/1 51/1 1200/100", GPSMapDatum: "WGS-84" },
      })
      .withXmp(XMP)
      .withIccProfile("p3")
      .withMetadata({ orientation: 6 });
  const jpeg = await base().jpeg().toBuffer();
  // IPTC and a comment right after SOI
  const tagged = Buffer.concat([jpeg.subarray(0, 2), iptcSegment("Xom 3 caption"), segment(0xfe, Buffer.from("nha-ong-Ba")), jpeg.subarray(2)]);
  const png = withPngText(await base().png().toBuffer(), "Comment", "nha-ong-Ba");
  const webp = await base().webp().toBuffer();
  const photos = [
    { name: "IMG_0001.jpg", type: "image/jpeg", bytes: tagged },
    { name: "IMG_0002.png", type: "image/png", bytes: png },
    { name: "IMG_0003.webp", type: "image/webp", bytes: webp },
  ];
  // The test's own photos really carry what must go.
  const meta = await sharp(tagged).metadata();
  expect([Boolean(meta.exif), Boolean(meta.xmp), Boolean(meta.iptc), Boolean(meta.icc), meta.orientation]).to.deep.equal([true, true, true, true, 6]);
  for (const p of photos) {
    const m = await sharp(p.bytes).metadata();
    expect([Boolean(m.exif), Boolean(m.xmp), Boolean(m.icc)], p.name).to.deep.equal([true, true, true]);
    expect(p.bytes.includes(Buffer.from("WGS-84")), p.name).to.equal(true);
  }
  return photos;
}

/** Pixels only: no EXIF (so no GPS, no orientation), XMP, IPTC, ICC nor comments; not a trace in the bytes. */
async function expectNoMetadata(bytes: Buffer, what: string) {
  const m = await sharp(bytes).metadata();
  expect({ exif: m.exif, xmp: m.xmp, iptc: m.iptc, icc: m.icc, orientation: m.orientation, comments: m.comments }, what).to.deep.equal({
    exif: undefined, xmp: undefined, iptc: undefined, icc: undefined, orientation: undefined, comments: undefined,
  });
  for (const s of TRACES) expect(bytes.includes(Buffer.from(s)), `${what}: "${s}" is still in the bytes`).to.equal(false);
  return m;
}

/** Each upload route with its path filled and a caller who gets past its access rule. */
async function uploadRoutes(t: TestApp, w: World) {
  const out: { name: string; path: string; token?: string }[] = [];
  const unbuildable: string[] = [];
  for (const r of (t.app.locals.routes as RouteDef[]).filter((x) => x.upload === true)) {
    const c = MATRIX[key(r)];
    const who = c && (CALLERS.find((x) => x === "none" && ![401, 403, 404].includes(c.expect.none)) ?? CALLERS.find((x) => ![401, 403, 404].includes(c.expect[x])));
    if (!c || !who) {
      unbuildable.push(key(r));
      continue;
    }
    const { url, token } = await resolve(t, w, r, c, who, w.hamletA);
    out.push({ name: key(r), path: url.replace(/^\/api\/v1/, ""), token });
  }
  expect(unbuildable, "upload routes this test cannot call: add their case to test/<module>/authz-cases.ts").to.deep.equal([]);
  return out;
}

/** A binary GET as `token` (supertest does not buffer every type by itself). */
function getBytes(t: TestApp, p: string, token?: string) {
  const req = t.api.get(`/api/v1${p}`);
  if (token) req.set("Authorization", `Bearer ${token}`);
  return req.buffer(true).parse((res: any, cb: any) => {
    const chunks: Buffer[] = [];
    res.on("data", (c: Buffer) => chunks.push(c));
    res.on("end", () => cb(null, Buffer.concat(chunks)));
  });
}

describe("security: uploaded images keep no metadata", function () {
  this.timeout(60_000);

  it("when a located, described photo is uploaded through each route that takes a file, then no copy served, stored or thumbnailed keeps EXIF, GPS, XMP, IPTC, ICC or comments", async () => {
    const files = tempDir();
    const t = await testApp({ env: { FILES_DIR: files } });
    const w = await world(t); // every kind of person: each upload route is called as one it lets in
    const photos = await locatedPhotos();
    const routes = await uploadRoutes(t, w);
    const site = await work(t, w);
    const kept: { route: string; photo: string; id: number; unitId: number }[] = [];
    const refusedAs: string[] = [];

    for (const r of routes) {
      for (const p of photos) {
        const req = t.api.post(`/api/v1${r.path}`).attach("file", p.bytes, { filename: p.name, contentType: p.type });
        if (r.token) req.set("Authorization", `Bearer ${r.token}`);
        const res = await req;
        if (res.status === 201 || res.status === 200) {
          expect(res.body.id, `${r.name} kept ${p.name}: its answer names it`).to.be.a("number");
          kept.push({ route: r.name, photo: p.name, id: res.body.id, unitId: res.body.unitId ?? w.hamletA });
        } else {
          // A route that does not keep images (a sheet import, a statement to verify) refuses them by content.
          expect(res.status, `${r.name} with ${p.name}: ${JSON.stringify(res.body)}`).to.be.within(400, 499);
          refusedAs.push(`${r.name}: ${res.body.code}`);
        }
      }
    }
    // The routes that keep pictures today are among those found: a work's attachments (invoices,
    // proof-of-posting photos, progress photos) and residents' feedback photos.
    expect([...new Set(kept.map((k) => k.route))]).to.include.members(["POST /units/:unitId/attachments", "POST /public/works/:workId/feedback/photos"]);
    expect(kept).to.have.length.above(5);

    // Public as well: each documents the work's progress (the public route then serves it and its thumbnail).
    const linked = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/works/${site.id}/progress`, { date: "2025-06-10", percent: 10, photos: kept.slice(0, 5).map((k) => k.id) });
    expect(linked.status, JSON.stringify(linked.body)).to.equal(201);
    const linked2 = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/works/${site.id}/progress`, { date: "2025-06-11", percent: 20, photos: kept.slice(5).map((k) => k.id) });
    expect(linked2.status, JSON.stringify(linked2.body)).to.equal(201);
    const page = await t.as().get(`/public/works/${site.id}`);
    const publicUrls: string[] = page.body.progressUpdates.flatMap((u: { photos: string[] }) => u.photos);
    expect(publicUrls).to.have.length(kept.length);

    for (const k of kept) {
      const what = `${k.photo} via ${k.route}`;
      const ways: [string, string | undefined][] = [
        [`/units/${k.unitId}/attachments/${k.id}`, w.treasurerA.token],
        [`/units/${k.unitId}/attachments/${k.id}?size=thumb`, w.treasurerA.token],
        [`/units/${k.unitId}/attachments/${k.id}`, w.inspector.token],
        [`/public/attachments/${k.id}`, undefined],
        [`/public/attachments/${k.id}?size=thumb`, undefined],
      ];
      for (const [p, token] of ways) {
        const got = await getBytes(t, p, token);
        expect(got.status, `${what}: GET ${p}`).to.equal(200);
        const m = await expectNoMetadata(got.body as Buffer, `${what}: GET ${p}`);
        // upright: the sensor's 64×48 turned by its orientation 6 into a 48×64 portrait (a thumbnail keeps that shape)
        expect([m.width, m.height], `${what}: GET ${p}`).to.deep.equal([48, 64]);
      }
    }
    for (const u of publicUrls) await expectNoMetadata((await getBytes(t, u.replace("/api/v1", ""))).body as Buffer, `public page photo ${u}`);
    // And on disk: every file stored (originals and cached thumbnails) is pixels only.
    const stored = fs.readdirSync(files, { recursive: true }).map(String).filter((f) => fs.statSync(path.join(files, f)).isFile());
    expect(stored.length).to.be.above(0);
    for (const f of stored) await expectNoMetadata(fs.readFileSync(path.join(files, f)), `stored file ${f}`);
  });

  it("when images were stored with their metadata before this rule, then start-up re-encodes each once, serves the clean copy, deletes the old file, and the database keeps the change", async () => {
    const files = tempDir();
    const t = await testApp({ env: { FILES_DIR: files } });
    const w = await world(t, { only: ["treasurerA"] });
    const photos = await locatedPhotos();
    // Stored as an earlier version did: the bytes as uploaded, under their own hash. And a PDF, left alone.
    const pdf = Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n");
    const legacy: { id: number; sha256: string; name: string }[] = [];
    for (const p of [...photos, { name: "bien-ban.pdf", type: "application/pdf", bytes: pdf }]) {
      const sha256 = crypto.createHash("sha256").update(p.bytes).digest("hex");
      fs.mkdirSync(path.dirname(filePath(files, sha256)), { recursive: true });
      fs.writeFileSync(filePath(files, sha256), p.bytes);
      const id = await insertAttachment(t.db, { unit_id: w.hamletA, sha256, mime: p.type, size: p.bytes.length, original_name: p.name, uploaded_by: null, uploaded_by_name: null, created_at: t.clock.now().toISOString() });
      legacy.push({ id, sha256, name: p.name });
    }
    // The migration lists the images already stored when it runs: as it would over this database.
    await scrubs.down(t.db);
    await scrubs.up(t.db);
    expect((await t.db("attachment_scrubs").orderBy("attachment_id")).map((r: { attachment_id: number; sha256: string | null }) => [r.attachment_id, r.sha256])).to.deep.equal(legacy.slice(0, 3).map((l) => [l.id, null]));

    await prepareDatabase(t.db, t.config, t.clock, silentLogger); // what a start does
    for (const l of legacy.slice(0, 3)) {
      const got = await getBytes(t, `/units/${w.hamletA}/attachments/${l.id}`, w.treasurerA.token);
      expect(got.status, l.name).to.equal(200);
      const m = await expectNoMetadata(got.body as Buffer, `${l.name} stored before the rule`);
      expect([m.width, m.height], l.name).to.deep.equal([48, 64]);
      await expectNoMetadata((await getBytes(t, `/units/${w.hamletA}/attachments/${l.id}?size=thumb`, w.treasurerA.token)).body as Buffer, `${l.name}: thumbnail`);
      // the attachment now names the bytes it serves, and the old file is gone
      const row = await t.db("attachment_scrubs").where({ attachment_id: l.id }).first();
      expect(row.sha256).to.equal(crypto.createHash("sha256").update(got.body as Buffer).digest("hex"));
      expect(fs.existsSync(filePath(files, l.sha256)), `${l.name}: the file with metadata`).to.equal(false);
    }
    const kept = await getBytes(t, `/units/${w.hamletA}/attachments/${legacy[3].id}`, w.treasurerA.token);
    expect(Buffer.from(kept.body as Buffer).equals(pdf)).to.equal(true);
    const stored = fs.readdirSync(files, { recursive: true }).map(String).filter((f) => fs.statSync(path.join(files, f)).isFile() && !f.endsWith(legacy[3].sha256));
    for (const f of stored) await expectNoMetadata(fs.readFileSync(path.join(files, f)), `stored file ${f}`);

    // A second start finds nothing to do; a scrub once made is never changed nor removed.
    const before = await t.db("attachment_scrubs").orderBy("attachment_id");
    await prepareDatabase(t.db, t.config, t.clock, silentLogger);
    expect(await t.db("attachment_scrubs").orderBy("attachment_id")).to.deep.equal(before);
    const id = legacy[0].id;
    let changed: unknown = null;
    await t.db("attachment_scrubs").where({ attachment_id: id }).update({ sha256: legacy[0].sha256 }).catch((e: unknown) => (changed = e));
    expect(String(changed)).to.match(/append_only/);
    changed = null;
    await t.db("attachment_scrubs").where({ attachment_id: id }).delete().catch((e: unknown) => (changed = e));
    expect(String(changed)).to.match(/append_only/);
    let undone: unknown = null;
    await scrubs.down(t.db).catch((e: unknown) => (undone = e));
    expect(String(undone)).to.match(/cannot be undone/);
  });
});
