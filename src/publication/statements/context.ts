import type { StatementKind } from "../../../reports/statements";
import { STATEMENTS, TEXTS } from "../../../reports/statements";
import type { Db } from "../../db/knex";
import { Actor, findUnit, SystemReason, Unit } from "../../identity";
import { formatDateVi, localDate } from "../../shared/dates";
import type { Opinion, Person, StatementModel, StatementParams } from "../model";

// What every kind's builder is given: the unit and its heading, the checked parameters, the day
// (today in Vietnam, computed once per statement from the instant of generation) and the chain head
// the statement is made as of, and the model's parts common to all kinds.

export interface BuildOptions {
  /** Who asks (staff, a board, the approving head), which the works and supervision reads check, or a stated reason. */
  actor: Actor | SystemReason;
  /** The instant of generation (the clock's). */
  at: Date;
  /** Verification code of a publication; null for a staff download. */
  code: string | null;
  publicBaseUrl: string;
  opinions?: Opinion[];
  drafted?: Person;
  approved?: Person;
  /** A correction: the superseded publication's code and chain head seq. */
  supersedes?: { code: string; seq: number };
}

/** The commune's name as the place of the place-and-date line (documents.md §1): "Xã Tân Linh" → "Tân Linh". */
export function placeName(name: string): string {
  const m = /^(xã|phường|thị trấn|đặc khu|tỉnh|thành phố)\s+(.+)$/iu.exec(name.trim());
  if (!m) return name.trim();
  const rest = m[2];
  // "Phường 12", single-word names keep their level word
  if (/^[0-9]+$/.test(rest) || !/\s/.test(rest)) return name.trim();
  return rest;
}

/** A unit's name in running text: the level word in lower case ("Xã Tân Linh" → "xã Tân Linh"). */
export function runningName(name: string): string {
  return name.replace(/^(Xã|Phường|Thị trấn|Đặc khu|Tỉnh|Thành phố|Thôn|Xóm|Bản|Ấp|Tổ dân phố)(?=\s)/u, (m) => m.toLocaleLowerCase("vi"));
}

export type UnitContext = Awaited<ReturnType<typeof unitContext>>;

async function unitContext(db: Db, unit: Unit) {
  const parent = unit.parentId ? await findUnit(db, unit.parentId) : undefined;
  const commune = unit.kind === "hamlet" ? parent : unit.kind === "commune" ? unit : undefined;
  const parentLine = unit.kind === "hamlet" && parent ? `UBND ${parent.name}` : unit.kind === "commune" && parent ? `UBND ${parent.name}` : null;
  const fullName = parent && unit.kind !== "province" ? `${unit.name}, ${runningName(parent.name)}` : unit.name;
  return { parent, parentLine, fullName, place: placeName((commune ?? unit).name), recipients: recipients(unit, parent) };
}

/**
 * "Nơi nhận" of a statement posted for residents (documents.md §1): the commune it reports to, the
 * Front's committee and the boards that watch over it, the residents through the notice board, and
 * the unit's own file.
 */
function recipients(unit: Unit, parent: Unit | undefined): string[] {
  const here = runningName(unit.name);
  const lines = [
    ...(parent && unit.kind !== "province" ? [`- UBND ${runningName(parent.name)} (để báo cáo);`] : []),
    unit.kind === "hamlet" ? `- Ban Công tác Mặt trận ${here};` : `- Ủy ban MTTQ Việt Nam ${here};`,
    "- Ban Giám sát đầu tư của cộng đồng, Ban Thanh tra nhân dân;",
    unit.kind === "hamlet" ? `- Các hộ gia đình (niêm yết tại nhà văn hóa ${here});` : `- Nhân dân (niêm yết tại trụ sở UBND ${here});`,
  ];
  return [...lines, TEXTS.filed];
}

export const periodLine = (from: string, to: string) => `(Từ ngày ${formatDateVi(from)} đến ngày ${formatDateVi(to)})`;


export interface KindContext {
  db: Db;
  unit: Unit;
  params: StatementParams;
  o: BuildOptions;
  ctx: UnitContext;
  /** The document's date: today in Vietnam at the instant of generation. */
  date: string;
  head: { seq: number; hash: string };
  base: Omit<StatementModel, "subtitle" | "period" | "tables" | "words">;
}

/** A kind's model (the entries that can change it: scope.ts). */
export interface Built {
  model: StatementModel;
}

/** The context of one statement of a unit, as of the chain head `head`. */
export async function kindContext(db: Db, unit: Unit, kind: StatementKind, params: StatementParams, o: BuildOptions, head: { seq: number; hash: string }): Promise<KindContext> {
  const ctx = await unitContext(db, unit);
  const date = localDate(o.at);
  const base = {
    kind,
    def: STATEMENTS[kind],
    params,
    unit: { id: unit.id, code: unit.code, name: unit.name, kind: unit.kind },
    recipients: ctx.recipients,
    parentLine: ctx.parentLine,
    unitFullName: ctx.fullName,
    place: ctx.place,
    date,
    fields: [] as { label: string; value: string }[],
    summary: [] as StatementModel["summary"],
    opinions: o.opinions ?? [],
    drafted: o.drafted,
    approved: o.approved,
    chainHead: head,
    generatedAt: o.at.toISOString(),
    code: o.code,
    verifyUrl: o.code ? `${o.publicBaseUrl}/verify/${o.code}` : `${o.publicBaseUrl}/verify/not-published`,
    changesSince: o.supersedes,
  };
  return { db, unit, params, o, ctx, date, head, base };
}
