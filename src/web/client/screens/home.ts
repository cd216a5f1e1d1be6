import { get } from "../api";
import { fill, h } from "../dom";
import { texts } from "../i18n";
import type { ScreenCtx } from "../screen";
import type { Unit } from "../roles";
import { heading, spinner } from "../ui";

// Home: the user's units and boards, and under each what is waiting for them — drafts to approve,
// findings due, consultations open, publications to sign off.

const t = texts({
  vi: {
    title: "Xin chào, {name}", units: "Đơn vị của bạn", boards: "Ban giám sát", board: "Ban giám sát số {id}", none: "Tài khoản chưa được giao đơn vị nào. Hãy liên hệ cán bộ quản trị của xã.",
    nothing: "Không có việc đang chờ.", draftsToApprove: "{n} phiếu chi chờ duyệt", findingsOpen: "{n} kiến nghị chưa xử lý xong", findingsOverdue: "{n} kiến nghị quá hạn",
    pubsDraft: "{n} bản công khai chờ ký duyệt", consultations: "{n} cuộc lấy ý kiến đang mở", hamlet: "Thôn", commune: "Xã", province: "Tỉnh", waiting: "Việc đang chờ",
  },
  en: {
    title: "Hello, {name}", units: "Your units", boards: "Supervision boards", board: "Supervision board no. {id}", none: "No unit has been assigned to this account yet. Ask the commune's administrator.",
    nothing: "Nothing waiting.", draftsToApprove: "{n} payment vouchers to approve", findingsOpen: "{n} findings not yet settled", findingsOverdue: "{n} findings overdue",
    pubsDraft: "{n} publications awaiting sign-off", consultations: "{n} consultations open", hamlet: "Hamlet", commune: "Commune", province: "Province", waiting: "Waiting",
  },
});

async function waiting(unit: Unit): Promise<string[]> {
  const out: string[] = [];
  const [findings, pubs, works] = await Promise.all([
    get<{ data: { status: string; overdue: boolean }[] }>(`/units/${unit.id}/findings`).catch(() => ({ data: [] })),
    get<{ data: { status: string }[] }>(`/units/${unit.id}/publications`).catch(() => ({ data: [] })),
    get<{ data: { id: number; status: string }[] }>(`/units/${unit.id}/works`).catch(() => ({ data: [] })),
  ]);
  const open = findings.data.filter((f) => !["resolved", "closed"].includes(f.status));
  const overdue = open.filter((f) => f.overdue).length;
  if (open.length) out.push(t("findingsOpen", { n: open.length }));
  if (overdue) out.push(t("findingsOverdue", { n: overdue }));
  const drafts = pubs.data.filter((p) => p.status === "draft").length;
  if (drafts) out.push(t("pubsDraft", { n: drafts }));
  const live = works.data.filter((w) => !["settled", "cancelled"].includes(w.status));
  const details = await Promise.all(
    live.slice(0, 20).map((w) =>
      Promise.all([
        get<{ data: { status: string }[] }>(`/units/${unit.id}/works/${w.id}/expenses`).catch(() => ({ data: [] })),
        get<{ consultations?: { status: string }[] }>(`/units/${unit.id}/works/${w.id}`).catch(() => ({ consultations: [] })),
      ]),
    ),
  );
  const draftVouchers = details.reduce((n, [e]) => n + e.data.filter((x) => x.status === "draft").length, 0);
  const consultations = details.reduce((n, [, d]) => n + (d.consultations ?? []).filter((c) => c.status === "open").length, 0);
  if (draftVouchers) out.push(t("draftsToApprove", { n: draftVouchers }));
  if (consultations) out.push(t("consultations", { n: consultations }));
  return out;
}

export default async function home({ root, me }: ScreenCtx): Promise<void> {
  fill(root, heading(t("title", { name: me.displayName })), spinner());
  const units = (await get<{ data: Unit[] }>("/units")).data;
  const boards = [...new Set(me.grants.filter((g) => g.boardId !== null).map((g) => g.boardId!))];
  const cards = units.map((u) => {
    const todo = h("div", { class: "todo" }, spinner());
    void waiting(u).then(
      (items) => fill(todo, items.length ? h("ul", null, items.map((i) => h("li", null, i))) : h("p", { class: "muted" }, t("nothing"))),
      () => fill(todo, ""),
    );
    return h(
      "li",
      { class: "card" },
      h("h3", null, h("a", { href: `/app/units/${u.id}` }, u.name)),
      h("p", { class: "muted" }, t(u.kind), " · ", u.code),
      h("h4", { class: "visually-hidden" }, t("waiting")),
      todo,
    );
  });
  fill(
    root,
    heading(t("title", { name: me.displayName })),
    units.length || boards.length ? null : h("p", null, t("none")),
    units.length ? [h("h2", null, t("units")), h("ul", { class: "grid plain" }, cards)] : null,
    boards.length ? [h("h2", null, t("boards")), h("ul", { class: "tiles" }, boards.map((id) => h("li", null, h("a", { href: `/app/boards/${id}` }, t("board", { id })))))] : null,
  );
}
