import { Readable } from "node:stream";
import archiver from "archiver";
import { stringify } from "csv-stringify";
import type { Response } from "express";
import type { Logger } from "../http/logger";
import type { PublicUnitData } from "./gather";
import { TABLES, type Cell, type PublishedFileOpener } from "./tables";
import { DATA_LICENCE, vnTime } from "./values";

// The open-data package as a zip streamed to the response: each CSV (UTF-8 with a BOM, so that
// Excel reads Vietnamese right) is written row by row into the archive as it is read, never held
// whole; datapackage.json (Frictionless Data Package) describes every file and its columns.

/** The Data Package descriptor of a unit's files. */
export function datapackage(d: PublicUnitData, base: string) {
  return {
    profile: "tabular-data-package",
    name: `so-quy-${d.unit.code.toLowerCase().replace(/[^a-z0-9._-]/g, "-")}`,
    title: `Dữ liệu mở: ${d.unit.name} (Open data of ${d.unit.name})`,
    description: "Công trình, chi cho công trình, kiến nghị của Ban giám sát và danh sách đóng góp đã công khai — public works, payments, supervision findings and the published contribution lists. Số tiền là đồng (VND), số nguyên.",
    homepage: `${base}/u/${encodeURIComponent(d.unit.code)}`,
    created: vnTime(d.at),
    licenses: [DATA_LICENCE],
    resources: TABLES.map((t) => ({
      name: t.name,
      path: `${t.name}.csv`,
      profile: "tabular-data-resource",
      title: t.title,
      description: t.description,
      format: "csv",
      mediatype: "text/csv",
      encoding: "utf-8-sig",
      dialect: { delimiter: ",", header: true },
      schema: { fields: t.fields },
    })),
  };
}

const cell = (v: Cell) => (v === null ? "" : typeof v === "boolean" ? (v ? "true" : "false") : v);

/** Streams the zip to `res` (headers already set); errors end the response and are logged. */
export async function sendOpenData(res: Response, d: PublicUnitData, base: string, open: PublishedFileOpener, logger: Logger): Promise<void> {
  const zip = archiver("zip", { zlib: { level: 6 } });
  const failed = (err: Error) => {
    logger.error("open-data zip failed", { unitId: d.unit.id, err: err.stack ?? String(err) });
    res.destroy(err);
  };
  zip.on("error", failed);
  zip.on("warning", failed);
  zip.pipe(res);
  for (const t of TABLES) {
    const csv = stringify({ bom: true, header: true, columns: t.fields.map((x) => x.name), cast: { boolean: (v) => (v ? "true" : "false") } });
    const source = Readable.from((async function* () {
      for await (const row of t.rows(d, open)) yield Object.fromEntries(t.fields.map((x) => [x.name, cell(row[x.name] ?? null)]));
    })());
    source.on("error", (err) => csv.destroy(err));
    csv.on("error", failed);
    zip.append(source.pipe(csv), { name: `${t.name}.csv`, date: new Date(d.at) });
  }
  zip.append(JSON.stringify(datapackage(d, base), null, 2), { name: "datapackage.json", date: new Date(d.at) });
  await zip.finalize();
}
