import { Readable } from "node:stream";
import zlib from "node:zlib";
import { SheetError } from "./sheet-error";

// A small, careful reader of a zip's central directory, so that an xlsx is measured before
// exceljs unpacks it (a zip bomb gets a clear 4xx, in bounded memory).
//
// Why not trust exceljs/unzipper: unzipper reads local headers front to back and believes them;
// the sizes it sees can differ from the central directory, and entries can hide between them.
// So we (1) read the central directory, (2) refuse what it declares beyond the limits, (3) inflate
// each entry exceljs will read, counting bytes and discarding them, stopping at the first byte past
// the declared size, and (4) hand exceljs a fresh stream made only of those measured entries, with
// rewritten local headers and in the order its streaming reader needs (see xlsxStream).

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;

const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
// Over this overall ratio a "spreadsheet" is a bomb: real xlsx XML deflates 5-30 to 1.
export const MAX_RATIO = 200;
// The ratio test only means something once there is something to unpack.
const RATIO_FLOOR = 1024 * 1024;

export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

function corrupt(reason: string): SheetError {
  return new SheetError("unsupported_file", { reason });
}

function bomb(params: Record<string, unknown>): SheetError {
  return new SheetError("zip_bomb", params);
}

export function isZip(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes.readUInt32LE(0) === SIG_LOCAL;
}

function findEocd(buf: Buffer): number {
  const last = buf.length - EOCD_SIZE;
  const first = Math.max(0, last - MAX_COMMENT);
  let loose = -1;
  for (let i = last; i >= first; i--) {
    if (buf.readUInt32LE(i) !== SIG_EOCD) continue;
    if (i + EOCD_SIZE + buf.readUInt16LE(i + 20) === buf.length) return i; // comment fits exactly
    if (loose < 0) loose = i;
  }
  if (loose < 0) throw corrupt("no end of central directory");
  return loose;
}

/** A 64-bit field as a number, or a zip_bomb when it cannot be a real size. */
function u64(buf: Buffer, at: number, what: string): number {
  const v = buf.readBigUInt64LE(at);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw bomb({ reason: `${what} declared as ${v}` });
  return Number(v);
}

function need(buf: Buffer, at: number, len: number, what: string): void {
  if (at < 0 || len < 0 || at + len > buf.length) throw corrupt(`${what} outside the file`);
}

/** The central directory's entries, with ZIP64 sizes resolved. Throws unsupported_file on a malformed zip. */
export function readCentralDirectory(buf: Buffer): { entries: ZipEntry[]; cdOffset: number } {
  need(buf, 0, EOCD_SIZE, "end of central directory");
  const eocd = findEocd(buf);
  let count = buf.readUInt16LE(eocd + 10);
  let cdSize = buf.readUInt32LE(eocd + 12);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  if (buf.readUInt16LE(eocd + 4) !== 0 || buf.readUInt16LE(eocd + 6) !== 0) throw corrupt("multi-disk zip");

  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    need(buf, loc, 20, "zip64 locator");
    if (buf.readUInt32LE(loc) !== SIG_EOCD64_LOCATOR) throw corrupt("zip64 locator missing");
    const rec = u64(buf, loc + 8, "zip64 record offset");
    need(buf, rec, 56, "zip64 end of central directory");
    if (buf.readUInt32LE(rec) !== SIG_EOCD64) throw corrupt("zip64 end of central directory missing");
    count = u64(buf, rec + 32, "entry count");
    cdSize = u64(buf, rec + 40, "central directory size");
    cdOffset = u64(buf, rec + 48, "central directory offset");
  }
  need(buf, cdOffset, cdSize, "central directory");

  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    need(buf, p, 46, "central directory entry");
    if (buf.readUInt32LE(p) !== SIG_CENTRAL) throw corrupt("bad central directory entry");
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    let compressedSize = buf.readUInt32LE(p + 20);
    let uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    let localOffset = buf.readUInt32LE(p + 42);
    need(buf, p + 46, nameLen + extraLen + commentLen, "central directory entry");
    const name = buf.toString("utf8", p + 46, p + 46 + nameLen);

    // ZIP64 extra field (id 1): only the fields whose 32-bit value is saturated, in this order.
    if (uncompressedSize === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
      let e = p + 46 + nameLen;
      const end = e + extraLen;
      let found = false;
      while (e + 4 <= end) {
        const id = buf.readUInt16LE(e);
        const size = buf.readUInt16LE(e + 2);
        if (id === 0x0001) {
          let q = e + 4;
          const take = (what: string) => {
            if (q + 8 > e + 4 + size) throw corrupt("short zip64 extra field");
            const v = u64(buf, q, what);
            q += 8;
            return v;
          };
          if (uncompressedSize === 0xffffffff) uncompressedSize = take(`uncompressed size of ${name}`);
          if (compressedSize === 0xffffffff) compressedSize = take(`compressed size of ${name}`);
          if (localOffset === 0xffffffff) localOffset = take(`offset of ${name}`);
          found = true;
          break;
        }
        e += 4 + size;
      }
      if (!found) throw corrupt("zip64 sizes without their extra field");
    }
    if (flags & 0x0001) throw corrupt("encrypted zip");
    entries.push({ name, flags, method, crc, compressedSize, uncompressedSize, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return { entries, cdOffset };
}

/** Refuses a zip whose declared sizes exceed the limit or whose ratio is absurd. */
export function checkDeclared(entries: ZipEntry[], maxUncompressed: number): void {
  let unpacked = 0n;
  let packed = 0n;
  for (const e of entries) {
    unpacked += BigInt(e.uncompressedSize);
    packed += BigInt(e.compressedSize);
  }
  if (unpacked > BigInt(maxUncompressed)) {
    throw bomb({ declared: unpacked.toString(), limit: maxUncompressed });
  }
  if (unpacked > BigInt(RATIO_FLOOR) && unpacked > packed * BigInt(MAX_RATIO)) {
    throw bomb({ declared: unpacked.toString(), compressed: packed.toString(), maxRatio: MAX_RATIO });
  }
}

interface Measured {
  entry: ZipEntry;
  data: Buffer; // the compressed bytes, a view into the upload (no copy)
}

/** Where an entry's data starts, after its local header; checks the header names the same file. */
function locate(buf: Buffer, entry: ZipEntry, cdOffset: number): Buffer {
  const at = entry.localOffset;
  need(buf, at, 30, `local header of ${entry.name}`);
  if (buf.readUInt32LE(at) !== SIG_LOCAL) throw corrupt(`no local header for ${entry.name}`);
  const nameLen = buf.readUInt16LE(at + 26);
  const extraLen = buf.readUInt16LE(at + 28);
  need(buf, at + 30, nameLen + extraLen, `local header of ${entry.name}`);
  if (buf.toString("utf8", at + 30, at + 30 + nameLen) !== entry.name) throw corrupt(`local header differs for ${entry.name}`);
  const start = at + 30 + nameLen + extraLen;
  if (start + entry.compressedSize > cdOffset) throw corrupt(`${entry.name} runs into the central directory`);
  return buf.subarray(start, start + entry.compressedSize);
}

/**
 * Inflates `data`, counting and discarding the output; refuses at the first byte past the
 * declared size or past what is left of the budget. Memory: one zlib window and one chunk.
 */
function measureInflate(entry: ZipEntry, data: Buffer, budget: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflate = zlib.createInflateRaw({ chunkSize: 64 * 1024 });
    let out = 0;
    let done = false;
    const fail = (err: Error) => {
      if (done) return;
      done = true;
      inflate.destroy();
      reject(err);
    };
    inflate.on("data", (chunk: Buffer) => {
      out += chunk.length;
      if (out > entry.uncompressedSize) fail(bomb({ entry: entry.name, reason: "unpacks past its declared size", declared: entry.uncompressedSize }));
      else if (out > budget) fail(bomb({ entry: entry.name, reason: "unpacks past the limit" }));
    });
    inflate.on("error", (err) => fail(corrupt(`${entry.name}: ${err.message}`)));
    inflate.on("end", () => {
      if (done) return;
      done = true;
      resolve(out);
    });
    inflate.end(data);
  });
}

/** Inflates each entry once, for measure only; throws zip_bomb or unsupported_file. */
export async function measureEntries(buf: Buffer, entries: ZipEntry[], cdOffset: number, maxUncompressed: number): Promise<Measured[]> {
  const measured: Measured[] = [];
  let total = 0;
  let packed = 0;
  for (const entry of entries) {
    const data = locate(buf, entry, cdOffset);
    let size: number;
    if (entry.method === 0) {
      size = data.length;
      if (size !== entry.uncompressedSize) throw corrupt(`${entry.name}: stored size differs`);
      if (total + size > maxUncompressed) throw bomb({ entry: entry.name, reason: "unpacks past the limit" });
    } else if (entry.method === 8) {
      size = await measureInflate(entry, data, maxUncompressed - total);
    } else {
      throw corrupt(`${entry.name}: compression method ${entry.method}`);
    }
    total += size;
    packed += data.length;
    measured.push({ entry, data });
  }
  if (total > RATIO_FLOOR && total > packed * MAX_RATIO) throw bomb({ unpacked: total, compressed: packed, maxRatio: MAX_RATIO });
  return measured;
}

function localHeader(entry: ZipEntry, size: number): Buffer {
  const name = Buffer.from(entry.name, "utf8");
  const h = Buffer.alloc(30 + name.length);
  h.writeUInt32LE(SIG_LOCAL, 0);
  h.writeUInt16LE(20, 4); // version needed
  h.writeUInt16LE(entry.flags & 0x0800, 6); // keep "UTF-8 name"; drop "sizes in a data descriptor"
  h.writeUInt16LE(entry.method, 8);
  h.writeUInt32LE(entry.crc, 14);
  h.writeUInt32LE(size, 18); // compressed
  h.writeUInt32LE(entry.uncompressedSize, 22);
  h.writeUInt16LE(name.length, 26);
  name.copy(h, 30);
  return h;
}

const EMPTY_SHARED_STRINGS = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>',
  "utf8",
);

const WORKSHEET = /^xl\/worksheets\/sheet(\d+)\.xml$/;

/**
 * Measures an xlsx and returns a stream of just the parts exceljs reads, in the order its
 * streaming reader needs: relationships, workbook, styles, shared strings, then worksheets.
 * Out of that order (Excel itself writes sharedStrings after the sheets) exceljs copies each sheet
 * to a temp file, which it only removes at process exit when we stop reading early; and a sheet
 * read before styles.xml gives serial numbers instead of dates.
 */
export async function xlsxStream(buf: Buffer, maxUncompressed: number): Promise<Readable> {
  const { entries, cdOffset } = readCentralDirectory(buf);
  checkDeclared(entries, maxUncompressed);

  const byName = new Map<string, ZipEntry>();
  for (const e of entries) {
    if (byName.has(e.name)) throw corrupt(`${e.name} twice`);
    byName.set(e.name, e);
  }
  const sheets = entries
    .filter((e) => WORKSHEET.test(e.name))
    .sort((a, b) => Number(WORKSHEET.exec(a.name)![1]) - Number(WORKSHEET.exec(b.name)![1]));
  const rels = byName.get("xl/_rels/workbook.xml.rels");
  const workbook = byName.get("xl/workbook.xml");
  if (!rels || !workbook || sheets.length === 0) throw corrupt("not a spreadsheet (no workbook or worksheets)");
  const styles = byName.get("xl/styles.xml");
  const strings = byName.get("xl/sharedStrings.xml");

  const wanted = [rels, workbook, ...(styles ? [styles] : []), ...(strings ? [strings] : []), ...sheets];
  const measured = await measureEntries(buf, wanted, cdOffset, maxUncompressed);

  const parts: Buffer[] = [];
  const sheetStart = measured.length - sheets.length;
  measured.forEach(({ entry, data }, i) => {
    if (i === sheetStart && !strings) {
      // Without shared strings exceljs would also park every sheet in a temp file.
      const synthetic: ZipEntry = {
        name: "xl/sharedStrings.xml",
        flags: 0,
        method: 0,
        crc: zlib.crc32(EMPTY_SHARED_STRINGS),
        compressedSize: EMPTY_SHARED_STRINGS.length,
        uncompressedSize: EMPTY_SHARED_STRINGS.length,
        localOffset: 0,
      };
      parts.push(localHeader(synthetic, EMPTY_SHARED_STRINGS.length), EMPTY_SHARED_STRINGS);
    }
    parts.push(localHeader(entry, data.length), data);
  });
  const end = Buffer.alloc(EOCD_SIZE); // an empty directory: unzipper stops reading there
  end.writeUInt32LE(SIG_EOCD, 0);
  parts.push(end);
  return Readable.from(parts, { objectMode: false });
}
