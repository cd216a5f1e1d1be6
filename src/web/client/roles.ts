import type { GrantWire, RoleName, UnitWire } from "../../identity/wire";
import type { BoardWire } from "../../supervision/wire";
import { boardTitle } from "../../shared/inspection-words";
import { get, type Me } from "./api";
import { texts } from "./i18n";

export type Unit = UnitWire;

/**
 * The roles the user holds on `unit` (on it or on a unit above it). Only to show or hide buttons:
 * the server checks every request on its own.
 */
export function rolesOn(me: Me, unit: Pick<Unit, "id" | "parentId">, parents: number[] = []): Set<string> {
  const scope = new Set([unit.id, ...(unit.parentId ? [unit.parentId] : []), ...parents]);
  return new Set(me.grants.filter((g) => g.unitId !== null && scope.has(g.unitId)).map((g) => g.role));
}

export const hasAny = (roles: Set<string>, ...want: string[]) => want.some((r) => roles.has(r));

// A role in words, with where it is held: "Thủ quỹ — Thôn Đồng Tâm", and for an inspector the
// board's whole name ("Thành viên Ban Giám sát đầu tư của cộng đồng xã Tân Linh"), never a number.
const t = texts({
  vi: {
    admin: "Quản trị", treasurer: "Thủ quỹ", head: "Trưởng thôn", inspector: "Thành viên ban giám sát", memberOf: "Thành viên {board}",
    whole: "toàn hệ thống", boardNo: "Ban giám sát (mã {id})", unitNo: "đơn vị (mã {id})",
  },
  en: {
    admin: "Administrator", treasurer: "Treasurer", head: "Hamlet head", inspector: "Supervision board member", memberOf: "Member of {board}",
    whole: "the whole installation", boardNo: "supervision board (id {id})", unitNo: "unit (id {id})",
  },
});

export const roleName = (role: RoleName) => t(role);

/** The board's name in full (its kind added when the name does not say it). */
export const boardName = (b: Pick<BoardWire, "name" | "kind">) => boardTitle(b.name, b.kind);

/** One grant in words, given the names of the units and boards it names (a number only when unknown). */
export function grantLabel(g: GrantWire, units: Map<number, Pick<Unit, "name">>, boards: Map<number, Pick<BoardWire, "name" | "kind">>): string {
  if (g.boardId !== null) {
    const b = boards.get(g.boardId);
    return b ? t("memberOf", { board: boardName(b) }) : `${t(g.role)} — ${t("boardNo", { id: g.boardId })}`;
  }
  const where = g.unitId === null ? t("whole") : (units.get(g.unitId)?.name ?? t("unitNo", { id: g.unitId }));
  return `${t(g.role)} — ${where}`;
}

/** The boards the user sits on, by id, read from the API (a board it cannot read is left out). */
export async function myBoards(me: Me): Promise<Map<number, BoardWire>> {
  const ids = [...new Set(me.grants.flatMap((g) => (g.boardId === null ? [] : [g.boardId])))];
  const found = await Promise.all(ids.map((id) => get<BoardWire>(`/boards/${id}`).catch(() => null)));
  return new Map(found.flatMap((b) => (b ? [[b.id, b] as const] : [])));
}

/** Every grant of the signed-in user in words (for the account screen and the like). */
export async function myGrantLabels(me: Me): Promise<string[]> {
  const [units, boards] = await Promise.all([get<{ data: Unit[] }>("/units").then((r) => r.data, () => [] as Unit[]), myBoards(me)]);
  return me.grants.map((g) => grantLabel(g, new Map(units.map((u) => [u.id, u])), boards));
}
