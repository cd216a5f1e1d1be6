import { get } from "../api";
import { fill, h } from "../dom";
import { texts } from "../i18n";
import type { ScreenCtx } from "../screen";
import { boardName, myBoards, type Unit } from "../roles";
import { heading, spinner } from "../ui";

// Home: the user's units and boards, and under each what is waiting for them — drafts to approve,
// findings due, consultations open, publications to sign off —, each a link to where it is dealt
// with: the one item itself, or the list of them when there are more.

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

/** A thing waiting, and where it is dealt with (the one item itself, or the list of them). */
interface Todo {
  text: string;
  href: string;
}

async function waiting(unit: Unit): Promise<Todo[]> {
  const out: Todo[] = [];
  const U = `/app/units/${unit.id}`;
  const [findings, pubs, works] = await Promise.all([
    get<{ data: { status: string; overdue: boolean }[] }>(`/units/${unit.id}/findings`).catch(() => ({ data: [] })),
    get<{ data: { id: number; status: string }[] }>(`/units/${unit.id}/publications`).catch(() => ({ data: [] })),
    get<{ data: { id: number; status: string }[] }>(`/units/${unit.id}/works`).catch(() => ({ data: [] })),
  ]);
  const open = findings.data.filter((f) => !["resolved", "closed"].includes(f.status));
  const overdue = open.filter((f) => f.overdue).length;
  if (open.length) out.push({ text: t("findingsOpen", { n: open.length }), href: `${U}/findings` });
  if (overdue) out.push({ text: t("findingsOverdue", { n: overdue }), href: `${U}/findings` });
  const drafts = pubs.data.filter((p) => p.status === "draft");
  if (drafts.length) out.push({ text: t("pubsDraft", { n: drafts.length }), href: drafts.length === 1 ? `${U}/publications/${drafts[0].id}` : `${U}/publications?status=draft` });
  const live = works.data.filter((w) => !["settled", "cancelled"].includes(w.status));
  const details = await Promise.all(
    live.slice(0, 20).map((w) =>
      Promise.all([
        get<{ data: { id: number; status: string }[] }>(`/units/${unit.id}/works/${w.id}/expenses`).catch(() => ({ data: [] })),
        get<{ consultations?: { status: string }[] }>(`/units/${unit.id}/works/${w.id}`).catch(() => ({ consultations: [] })),
      ]).then(([e, d]) => ({ work: w.id, drafts: e.data.filter((x) => x.status === "draft"), consulting: (d.consultations ?? []).filter((c) => c.status === "open").length })),
    ),
  );
  // One voucher: its card on its work's screen; more: the works screen lists them all for approval.
  const vouchers = details.flatMap((d) => d.drafts.map((x) => ({ work: d.work, id: x.id })));
  if (vouchers.length) out.push({ text: t("draftsToApprove", { n: vouchers.length }), href: vouchers.length === 1 ? `${U}/works/${vouchers[0].work}?voucher=${vouchers[0].id}` : `${U}/works?pending=1` });
  const consulting = details.filter((d) => d.consulting);
  const consultations = consulting.reduce((n, d) => n + d.consulting, 0);
  if (consultations) out.push({ text: t("consultations", { n: consultations }), href: consulting.length === 1 ? `${U}/works/${consulting[0].work}` : `${U}/works` });
  return out;
}

export default async function home({ root, me }: ScreenCtx): Promise<void> {
  fill(root, heading(t("title", { name: me.displayName })), spinner());
  // each board by its whole name ("Ban Giám sát đầu tư của cộng đồng xã …"), a number only if unreadable
  const [units, boardRead] = await Promise.all([get<{ data: Unit[] }>("/units").then((r) => r.data), myBoards(me)]);
  const boards = [...new Set(me.grants.filter((g) => g.boardId !== null).map((g) => g.boardId!))];
  const boardLabel = (id: number) => {
    const b = boardRead.get(id);
    return b ? boardName(b) : t("board", { id });
  };
  const cards = units.map((u) => {
    const todo = h("div", { class: "todo" }, spinner());
    void waiting(u).then(
      (items) => fill(todo, items.length ? h("ul", { class: "tiles" }, items.map((i) => h("li", null, h("a", { href: i.href }, i.text)))) : h("p", { class: "muted" }, t("nothing"))),
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
    boards.length ? [h("h2", null, t("boards")), h("ul", { class: "tiles" }, boards.map((id) => h("li", null, h("a", { href: `/app/boards/${id}` }, boardLabel(id)))))] : null,
  );
}
