import zlib from "node:zlib";
import type { Preview, PreviewRow } from "./preview";

// How an import's preview is kept until it is committed (imports.preview, a text column). A
// 100,000-row preview as one JSON string is ~50 MB in memory (Vietnamese text makes V8 keep it
// two bytes a character) and as much again when the driver binds it; kept as gzip'd lines (the
// preview without its rows, then one row per line), built and read a slice at a time, it is a
// few MB of ASCII. Previews stored before this format are plain JSON and still read.

const PREFIX = "ndjson.gz:";
const SLICE = 1000;

export async function storePreview(preview: Omit<Preview, "id">): Promise<string> {
  const { rows, ...head } = preview;
  const gzip = zlib.createGzip();
  const out: Buffer[] = [];
  gzip.on("data", (b: Buffer) => out.push(b));
  const ended = new Promise<void>((resolve, reject) => {
    gzip.once("end", resolve);
    gzip.once("error", reject);
  });
  const write = (s: string) => (gzip.write(s) ? Promise.resolve() : new Promise<void>((r) => gzip.once("drain", () => r())));
  await write(`${JSON.stringify(head)}\n`);
  for (let i = 0; i < rows.length; i += SLICE) {
    let s = "";
    for (let j = i; j < Math.min(rows.length, i + SLICE); j++) s += `${JSON.stringify(rows[j])}\n`;
    await write(s);
  }
  gzip.end();
  await ended;
  return PREFIX + Buffer.concat(out).toString("base64");
}

export function readPreview(stored: string): Omit<Preview, "id"> {
  if (!stored.startsWith(PREFIX)) return JSON.parse(stored) as Omit<Preview, "id">;
  const bytes = zlib.gunzipSync(Buffer.from(stored.slice(PREFIX.length), "base64"));
  let at = bytes.indexOf(10);
  const head = JSON.parse(bytes.subarray(0, at).toString("utf8")) as Omit<Preview, "id" | "rows">;
  const rows: PreviewRow[] = [];
  // A line at a time: the whole text is never one string.
  for (let start = at + 1; start < bytes.length; start = at + 1) {
    at = bytes.indexOf(10, start);
    if (at < 0) at = bytes.length;
    if (at > start) rows.push(JSON.parse(bytes.subarray(start, at).toString("utf8")) as PreviewRow);
  }
  return { ...head, rows };
}
