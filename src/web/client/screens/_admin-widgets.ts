import type { Me } from "../api";
import { Child, fill, h, uid } from "../dom";
import { texts } from "../i18n";
import type { Unit } from "../roles";
import { notice, Page, ui } from "../ui";

// Pieces the administration and publication screens share: the names of kinds and roles, who
// administers what (for showing buttons only: the server decides), a confirmation step for what
// cannot be undone, and paging over a list the API returns whole.

export const names = texts({
  vi: {
    province: "Tỉnh", commune: "Xã", hamlet: "Thôn", admin: "Quản trị", treasurer: "Thủ quỹ", head: "Trưởng thôn", inspector: "Thành viên ban giám sát",
    gsdtcd: "Ban Giám sát đầu tư của cộng đồng", ttnd: "Ban Thanh tra nhân dân", whole: "Toàn hệ thống", confirm: "Xác nhận", cancel: "Huỷ", inactive: "Ngừng hoạt động",
  },
  en: {
    province: "Province", commune: "Commune", hamlet: "Hamlet", admin: "Administrator", treasurer: "Treasurer", head: "Hamlet head", inspector: "Board inspector",
    gsdtcd: "Community investment supervision board", ttnd: "People's inspection board", whole: "Whole installation", confirm: "Confirm", cancel: "Cancel", inactive: "Inactive",
  },
});

/** The unit and the units above it, nearest first. */
export function lineage(unit: Unit, byId: Map<number, Unit>): number[] {
  const out: number[] = [];
  for (let u: Unit | undefined = unit; u && !out.includes(u.id); u = u.parentId ? byId.get(u.parentId) : undefined) {
    out.push(u.id);
    if (u.parentId && !byId.has(u.parentId)) out.push(u.parentId); // a parent the user may not list is still above
  }
  return out;
}

/** Whether `me` administers `unit` (a grant on it or above it, or the installation's admin). Buttons only. */
export function adminOf(me: Me, unit: Unit, byId: Map<number, Unit>): boolean {
  const up = lineage(unit, byId);
  return me.grants.some((g) => g.role === "admin" && ((g.unitId === null && g.boardId === null) || (g.unitId !== null && up.includes(g.unitId))));
}

export const isRootAdmin = (me: Me) => me.grants.some((g) => g.role === "admin" && g.unitId === null && g.boardId === null);

/** "Thôn Đồng Tâm (Thôn, ha)" */
export const unitLabel = (u: Unit) => `${u.name} (${names(u.kind)}, ${u.code})`;

/** Units in tree order (each after its parent), with their depth; a unit whose parent is not listed is a root. */
export function treeOrder(units: Unit[]): { unit: Unit; depth: number }[] {
  const ids = new Set(units.map((u) => u.id));
  const kids = new Map<number | null, Unit[]>();
  for (const u of units) {
    const p = u.parentId !== null && ids.has(u.parentId) ? u.parentId : null;
    kids.set(p, [...(kids.get(p) ?? []), u]);
  }
  const out: { unit: Unit; depth: number }[] = [];
  const walk = (p: number | null, depth: number) => {
    for (const u of (kids.get(p) ?? []).sort((a, b) => a.name.localeCompare(b.name, "vi"))) {
      out.push({ unit: u, depth });
      walk(u.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/**
 * A step that says what is about to happen and waits for "confirm" (for what cannot be undone).
 * The panel takes the focus itself, named by what it says (a screen reader reads it out), and is
 * scrolled into view; the confirm button is a Tab away and below the message, so a second tap of
 * the button that opened the panel does not land on it. Resolves when the user confirms and `run`
 * succeeds; `run`'s error is shown in place.
 */
export function confirmStep(box: HTMLElement, message: Child, confirmLabel: string, run: () => Promise<void>, onCancel?: () => void): void {
  const msg = h("div", { role: "status" });
  const yes = h("button", { type: "button", class: "danger" }, confirmLabel);
  const no = h("button", { type: "button", class: "secondary" }, names("cancel"));
  yes.addEventListener("click", async () => {
    if (yes.disabled) return;
    yes.disabled = true;
    no.disabled = true;
    msg.replaceChildren();
    try {
      await run();
    } catch (err) {
      fill(msg, notice("error", errorText(err)));
      yes.disabled = false;
      no.disabled = false;
    }
  });
  no.addEventListener("click", () => {
    box.replaceChildren();
    onCancel?.();
  });
  const said = h("div", { id: uid("confirm"), class: "notice info" }, message);
  const panel = h("div", { class: "confirm card", role: "group", tabindex: "-1", "aria-labelledby": said.id }, said, msg, h("div", { class: "actions" }, yes, no));
  fill(box, panel);
  panel.scrollIntoView({ block: "nearest" });
  panel.focus({ preventScroll: true });
}

/** Paging over a list the API returns whole (users, publications): pages of `size`, the offset as cursor. */
export function pages<T>(rows: T[], size = 20): (cursor: string | undefined) => Promise<Page<T>> {
  return async (cursor) => {
    const i = Number(cursor ?? 0);
    return { data: rows.slice(i, i + size), nextCursor: i + size < rows.length ? String(i + size) : null };
  };
}

/** The message of a failed call, for a line next to a button. */
export function errorText(err: unknown): string {
  const e = err as { network?: boolean; detail?: string; code?: string; message?: string };
  return e.network ? ui("networkLost") : e.detail || e.code || e.message || String(err);
}

/** The roles `me` holds on `unit` or any unit above it (the installation's admin: admin everywhere). Buttons only. */
export function rolesAt(me: Me, unit: Unit, byId: Map<number, Unit>): Set<string> {
  const up = lineage(unit, byId);
  const out = new Set(me.grants.filter((g) => g.unitId !== null && up.includes(g.unitId)).map((g) => g.role));
  if (isRootAdmin(me)) out.add("admin");
  return out;
}
