import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Knex } from "knex";
import { PLACE_NAMES, STATEMENTS } from "../../reports/statements";
import type { Db } from "../db/knex";
import { Actor, audit, authorize, type Unit } from "../identity";
import * as notify from "../notify/tell";
import { spokenDateVi } from "../shared/dates";
import { AppError, ConflictError, ForbiddenError, NotFoundError } from "../shared/errors";
import { abs, type Dong } from "../shared/money";
import { spokenVi } from "../shared/spoken-vi";
import { inWords } from "../shared/words-vi";
import { DATA_HASH_VERSION, Figure, headlineFigures, scan, Scan, spool, StatementModel } from "./model";
import * as q from "./queries";
import { hydrate, loadPublication, Publication, PublicationEnv } from "./records";
import { renderPdf } from "./render/pdf";
import { renderXlsx } from "./render/xlsx";
import { buildStatement } from "./statements";

// Approval publishes a draft: the documents are made once, from the books at that moment, stored
// and hashed; the loudspeaker script is written with them.

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I: read off paper

function newCode(): string {
  let s = "";
  for (let i = 0; i < 10; i++) s += CODE_ALPHABET[crypto.randomInt(CODE_ALPHABET.length)];
  return s;
}

/** The loudspeaker script (documents.md §6): who, what, totals in words, where, how long, feedback. */
export function announcement(model: StatementModel, s: Scan, p: { places: string[]; postedFrom: string; postedUntil: string; code: string }): string {
  const lower = (t: string) => t.charAt(0).toLocaleLowerCase("vi") + t.slice(1);
  const spoken = (d: Dong) => (d < 0n ? `âm ${lower(inWords(abs(d)))}` : lower(inWords(d)));
  const totals = model.summary.filter((x) => typeof x.value !== "string").map((x) => `${x.label}: ${spoken(x.value as Dong)}`);
  // A statement without money (inspection minutes) reads out its summary lines instead.
  if (!totals.length && model.words.label) totals.push(`${model.words.label.replace(/ bằng chữ$/, "")}: ${spoken(model.words.amount)}`);
  if (!totals.length) totals.push(...model.summary.map((x) => `${x.label}: ${String(x.value)}`));
  const boards = p.places.filter((x) => x === "culture_house" || x === "commune_office").map((x) => lower(PLACE_NAMES[x]));
  const where = boards.length ? `Bản đầy đủ được niêm yết tại ${boards.join(" và ")} từ ${spokenDateVi(p.postedFrom)} đến ${spokenDateVi(p.postedUntil)}` : `Bản đầy đủ được công khai từ ${spokenDateVi(p.postedFrom)} đến ${spokenDateVi(p.postedUntil)}`;
  const web = p.places.includes("website") ? ", và đăng trên trang thông tin điện tử của xã" : "";
  // Read aloud as written: figures, fractions and dates go out as words ("3 / 5": "ba trên năm"),
  // only the code is spelled out character by character.
  return [
    spokenVi(`Thông báo của ${model.unit.name}.`),
    // Titles are printed in capitals ("DANH SÁCH ĐÓNG GÓP"); read out, they are ordinary words.
    spokenVi(`${model.unit.name} công khai ${STATEMENTS[model.kind].title.vi.toLocaleLowerCase("vi")}: ${model.subtitle.join(" ").replace(/[()]/g, "")}.`),
    spokenVi(`${totals.join("; ")}.`),
    `${spokenVi(`${where}${web}`)}. Mã xác minh của bản công khai là ${p.code.split("").join(" ")}.`,
    `Mọi ý kiến, bà con xin gửi trưởng thôn hoặc Ban Giám sát đầu tư của cộng đồng.`,
  ].join(" ");
}

async function writeOnce(file: string, write: (out: fs.WriteStream) => Promise<unknown>): Promise<string> {
  // "wx": a stored document is never overwritten (each has its own code in its name).
  const out = fs.createWriteStream(file, { flags: "wx" });
  // Its error (the file exists, the disk is full) ends this write: no renderer listens on it itself.
  const broken = new Promise<never>((_resolve, reject) => out.on("error", reject));
  broken.catch(() => undefined);
  await Promise.race([write(out), broken]);
  return crypto.createHash("sha256").update(await fs.promises.readFile(file)).digest("hex");
}

/**
 * A draft's headline figures as approving it now would publish them, from the books as they are:
 * the head reads the amounts before approving, without opening the PDF. One pass over the data, no
 * file; null when the statement cannot be made now (its subject gone: the approval says why).
 */
export async function draftFigures(db: Db, actor: Actor, unit: Unit, draft: Publication): Promise<Figure[] | null> {
  try {
    const model = await buildStatement(db, unit, draft.kind, draft.params, { actor, at: new Date(actor.at), code: null, publicBaseUrl: "" });
    return headlineFigures(model, await scan(model));
  } catch (err) {
    if (err instanceof AppError && err.status < 500) return null;
    throw err;
  }
}

/**
 * Approves and publishes a draft (a head of the unit who did not draft it; admins neither draft nor
 * approve). The PDF and the Excel file are generated once, here, from the books at this moment,
 * stored under FILES_DIR and hashed; the row keeps the data hash, chain head, code and announcement.
 * A correction marks the publication it supersedes (both stay visible). 409 if already published.
 */
export async function approvePublication(trx: Knex.Transaction, actor: Actor, env: PublicationEnv, unitId: number, id: number): Promise<Publication> {
  const unit = await authorize(trx, actor, ["head"], unitId);
  const row = await q.findPublication(trx, unitId, id);
  if (!row) throw new NotFoundError("publication", { id });
  if (row.status !== "draft") throw new ConflictError("publication_published", { id });
  // DESIGN §2: nobody drafts and approves the same publication.
  if (row.drafted_by !== null && row.drafted_by === actor.userId) throw new ForbiddenError("approver_is_drafter");
  let supersedes: { code: string; seq: number } | undefined;
  if (row.supersedes_id) {
    const old = await q.findPublication(trx, unitId, row.supersedes_id);
    if (!old || old.status !== "published") throw new NotFoundError("publication", { id: row.supersedes_id });
    if (old.superseded_by_id) throw new ConflictError("already_superseded", { supersededBy: old.superseded_by_id });
    supersedes = { code: old.code!, seq: Number(old.chain_seq) };
  }
  const draft = (await hydrate(trx, [row]))[0];
  const code = newCode();
  const built = await buildStatement(trx, unit, draft.kind, draft.params, {
    actor,
    at: new Date(actor.at),
    code,
    publicBaseUrl: env.publicBaseUrl,
    opinions: draft.opinions.map(({ id: _id, ...o }) => o),
    drafted: { name: row.drafted_by_name ?? "", at: row.drafted_at },
    approved: { name: actor.displayName ?? actor.username ?? "", at: actor.at },
    supersedes,
  });
  const { model, scan: s, cleanup } = await spool(built);
  const dir = path.join(env.filesDir, "publications", String(unitId));
  await fs.promises.mkdir(dir, { recursive: true });
  const pdfFile = path.join(dir, `${id}-${code}.pdf`);
  const xlsxFile = path.join(dir, `${id}-${code}.xlsx`);
  try {
    const pdfSha = await writeOnce(pdfFile, (out) => renderPdf(model, s, out));
    const xlsxSha = await writeOnce(xlsxFile, (out) => renderXlsx(model, s, out));
    await q.updatePublication(trx, id, {
      status: "published",
      approved_by: actor.userId,
      approved_by_name: actor.displayName ?? actor.username,
      published_at: actor.at,
      code,
      data_hash: s.dataHash,
      hash_version: DATA_HASH_VERSION,
      figures: JSON.stringify(headlineFigures(model, s)),
      chain_seq: model.chainHead.seq,
      chain_hash: model.chainHead.hash,
      period_from: model.period.from,
      period_to: model.period.to,
      pdf_file: path.relative(env.filesDir, pdfFile),
      pdf_sha256: pdfSha,
      xlsx_file: path.relative(env.filesDir, xlsxFile),
      xlsx_sha256: xlsxSha,
      subject: model.subtitle.join(" ").slice(0, 500),
      announcement: announcement(model, s, { places: draft.places, postedFrom: draft.postedFrom, postedUntil: draft.postedUntil, code }),
    });
    if (row.supersedes_id && (await q.markSuperseded(trx, row.supersedes_id, id)) !== 1) throw new ConflictError("already_superseded", { id: row.supersedes_id });
    await audit.record(trx, actor, {
      action: "publication.published",
      entity: "publication",
      entityId: id,
      unitId,
      details: { code, dataHash: s.dataHash, chainHead: model.chainHead, pdfSha256: pdfSha, xlsxSha256: xlsxSha, supersedes: row.supersedes_id },
    });
    await notify.enqueue(trx, actor.at, { kind: "publication", unitId, refId: id, title: model.subtitle.join(" ").slice(0, 300), code });
  } catch (err) {
    // The transaction rolls back: the files it wrote must not outlive it.
    for (const f of [pdfFile, xlsxFile]) await fs.promises.rm(f, { force: true });
    throw err;
  } finally {
    cleanup();
  }
  return loadPublication(trx, unitId, id);
}
