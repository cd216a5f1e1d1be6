import type { GrantWire as Grant, UserWire as User } from "../../../identity/wire";
import type { BoardWire as Board } from "../../../supervision/wire";
import { api, get } from "../api";
import { fill, h } from "../dom";
import { texts } from "../i18n";
import type { ScreenCtx } from "../screen";
import type { Unit } from "../roles";
import { dmy, field, form, heading, input, notice, pager, select, spinner, table } from "../ui";
import { foldVi } from "../../../shared/text";
import { adminOf, confirmStep, errorText, names, pages, treeOrder, unitLabel } from "./_admin-widgets";

// Users and their roles: find a user by name, create one with an initial password, give or take
// back a role on a unit (or, to an inspector, a seat on a board), deactivate. The address names
// the user being looked at (?user=…) and the filter (?q=…).

const t = texts({
  vi: {
    title: "Người dùng và phân quyền", back: "← Quản trị", filter: "Tìm theo tên hoặc tên đăng nhập", list: "Danh sách người dùng", newUser: "Thêm người dùng",
    username: "Tên đăng nhập", usernameHint: "Chữ thường không dấu, số, dấu chấm hoặc gạch (vd: thuquy.dongtam).", displayName: "Họ và tên", phone: "Số điện thoại",
    password: "Mật khẩu ban đầu", passwordHint: "Ít nhất 10 ký tự. Đưa cho người dùng; họ nên đổi ngay sau lần đăng nhập đầu.", create: "Thêm người dùng", created: "Đã thêm người dùng {name}.",
    roles: "Quyền", noRoles: "Chưa có quyền nào", status: "Trạng thái", active: "Đang hoạt động", inactive: "Đã khoá", name: "Họ tên",
    grants: "Quyền hiện có", on: "Trên", revoke: "Thu hồi", revoked: "Đã thu hồi quyền.", addGrant: "Cấp quyền", role: "Vai trò", unit: "Đơn vị", board: "Ban giám sát",
    grant: "Cấp quyền", granted: "Đã cấp quyền.", noBoards: "Chưa có ban giám sát nào. Lập ban ở màn hình Quản trị (chọn xã).", deactivate: "Khoá tài khoản",
    deactivateText: "Khoá tài khoản {name}? Người này bị đăng xuất ngay trên mọi thiết bị và không đăng nhập được nữa. Lịch sử họ đã ghi vẫn giữ nguyên.",
    deactivated: "Đã khoá tài khoản.", createdAt: "Tạo ngày", boardNo: "Ban số {id}", open: "Xem", noMatch: "Không có người dùng nào khớp.", count: "{n} người dùng",
    signInLocked: "Tạm khóa đăng nhập (nhập sai mật khẩu quá nhiều lần)", unlock: "Mở khóa đăng nhập",
  },
  en: {
    title: "Users and roles", back: "← Administration", filter: "Search by name or username", list: "Users", newUser: "Add a user",
    username: "Username", usernameHint: "Lower-case letters without accents, digits, dots or hyphens (e.g. treasurer.dongtam).", displayName: "Full name", phone: "Phone",
    password: "Initial password", passwordHint: "At least 10 characters. Hand it to the user; they should change it after signing in.", create: "Add user", created: "User {name} added.",
    roles: "Roles", noRoles: "No role yet", status: "Status", active: "Active", inactive: "Deactivated", name: "Name",
    grants: "Roles held", on: "On", revoke: "Revoke", revoked: "Role revoked.", addGrant: "Grant a role", role: "Role", unit: "Unit", board: "Supervision board",
    grant: "Grant role", granted: "Role granted.", noBoards: "No supervision board yet. Set one up on the Administration screen (choose a commune).", deactivate: "Deactivate account",
    deactivateText: "Deactivate {name}? They are signed out on every device at once and cannot sign in again. What they recorded stays as it is.",
    deactivated: "Account deactivated.", createdAt: "Created", boardNo: "Board no. {id}", open: "Open", noMatch: "No user matches.", count: "{n} users",
    signInLocked: "Sign-in suspended (too many wrong passwords)", unlock: "Lift the sign-in suspension",
  },
});


export default async function adminUsers({ root, me, query, go }: ScreenCtx): Promise<void> {
  root.classList.add("admin-area");
  fill(root, heading(t("title")), spinner());
  const [users, units] = await Promise.all([get<{ data: User[] }>("/users").then((r) => r.data), get<{ data: Unit[] }>("/units").then((r) => r.data)]);
  const byId = new Map(units.map((u) => [u.id, u]));
  const mine = units.filter((u) => adminOf(me, u, byId));
  // Boards belong to communes: ask each commune the user administers (a failure leaves it out).
  const boards = (
    await Promise.all(mine.filter((u) => u.kind === "commune").map((c) => get<{ data: Board[] }>(`/units/${c.id}/boards`).then((r) => r.data, () => [] as Board[])))
  ).flat();
  const grantText = (g: Grant) => {
    if (g.boardId !== null) return boards.find((b) => b.id === g.boardId)?.name ?? t("boardNo", { id: g.boardId });
    if (g.unitId === null) return names("whole");
    const u = byId.get(g.unitId);
    return u ? unitLabel(u) : `#${g.unitId}`;
  };
  const rolesText = (u: User) => (u.grants.length ? u.grants.map((g) => `${names(g.role)} — ${grantText(g)}`).join("; ") : t("noRoles"));

  const selected = query.get("user") ? users.find((u) => u.id === Number(query.get("user"))) : undefined;
  const panel = selected ? userPanel(selected, me.id, mine, boards, grantText, go, query.get("created") === "1") : null;

  // The list, filtered as one types (accents optional); the filter stays in the address.
  const q = input("q", { type: "search", value: query.get("q") ?? "", autocomplete: "off" });
  let shown = users;
  const applyFilter = () => {
    const want = foldVi(q.value.trim());
    shown = want ? users.filter((u) => foldVi(`${u.displayName} ${u.username}`).includes(want)) : users;
  };
  applyFilter();
  const list = pager<User>(
    (c) => pages(shown)(c),
    (rows) =>
      rows.length
        ? h(
            "div",
            null,
            h("p", { class: "muted" }, t("count", { n: shown.length })),
            table<User>(
              [
                { label: t("name"), cell: (u) => h("a", { href: `/app/admin/users?user=${u.id}` }, u.displayName) },
                { label: t("username"), cell: (u) => u.username },
                { label: t("phone"), cell: (u) => u.phone ?? "" },
                { label: t("roles"), cell: (u) => rolesText(u) },
                { label: t("status"), cell: (u) => h("span", { class: u.isActive ? "badge ok" : "badge bad" }, u.isActive ? t("active") : t("inactive")) },
              ],
              rows,
              t("list"),
            ),
          )
        : h("p", { class: "empty" }, t("noMatch")),
  );
  let timer: number | undefined;
  q.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      applyFilter();
      const params = new URLSearchParams(location.search);
      if (q.value.trim()) params.set("q", q.value.trim());
      else params.delete("q");
      history.replaceState(null, "", `${location.pathname}${params.toString() ? `?${params}` : ""}`);
      void list.reload();
    }, 200);
  });

  fill(
    root,
    h("p", { class: "crumbs" }, h("a", { href: "/app/admin" }, t("back"))),
    heading(t("title")),
    panel,
    h("h2", null, t("list")),
    h("div", { class: "filters", role: "search" }, field(t("filter"), q)),
    list.el,
    newUserForm(go),
  );
}

function newUserForm(go: (p: string) => void): HTMLElement {
  const displayName = input("displayName", { required: true, maxlength: "200", autocomplete: "off" });
  const username = input("username", { required: true, maxlength: "64", autocapitalize: "none", spellcheck: "false", autocomplete: "off" });
  const phone = input("phone", { type: "tel", maxlength: "20", autocomplete: "off" });
  const password = input("password", { type: "password", required: true, minlength: "10", maxlength: "200", autocomplete: "new-password" });
  const f = form(
    {
      draftKey: "admin:new-user",
      submitLabel: t("create"),
      onSubmit: async (key) => {
        const body: { username: string; displayName: string; password: string; phone?: string } = { username: username.value.trim(), displayName: displayName.value.trim(), password: password.value };
        if (phone.value.trim()) body.phone = phone.value.trim();
        const u = await api<User>("POST", "/users", body, { idempotencyKey: key });
        go(`/app/admin/users?user=${u.id}&created=1`);
      },
    },
    field(t("displayName"), displayName),
    field(t("username"), username, t("usernameHint")),
    field(t("phone"), phone),
    field(t("password"), password, t("passwordHint")),
  );
  return h("section", { "aria-labelledby": "new-user" }, h("h2", { id: "new-user" }, t("newUser")), f);
}

function userPanel(
  user: User, myId: number, mine: Unit[], boards: Board[], grantText: (g: Grant) => string, go: (p: string) => void, created: boolean,
): HTMLElement {
  const here = `/app/admin/users?user=${user.id}`;
  const msg = h("div", { "aria-live": "polite" });
  const grants = user.grants.length
    ? table<Grant>(
        [
          { label: t("role"), cell: (g) => names(g.role) },
          { label: t("on"), cell: (g) => grantText(g) },
          {
            label: t("revoke"),
            cell: (g) => {
              const b = h("button", { type: "button", class: "secondary", "aria-label": `${t("revoke")}: ${names(g.role)} — ${grantText(g)}` }, t("revoke"));
              b.addEventListener("click", async () => {
                b.disabled = true;
                try {
                  await api("DELETE", `/users/${user.id}/grants/${g.id}`);
                  go(here);
                } catch (err) {
                  fill(msg, notice("error", errorText(err)));
                  b.disabled = false;
                }
              });
              return b;
            },
          },
        ],
        user.grants,
        t("grants"),
      )
    : h("p", { class: "muted" }, t("noRoles"));

  const role = select("role", (["treasurer", "head", "inspector", "admin"] as const).map((r) => [r, names(r)]), "treasurer");
  const unitOpts = treeOrder(mine).map(({ unit, depth }): [string, string] => [String(unit.id), `${"— ".repeat(depth)}${unitLabel(unit)}`]);
  const unitId = select("unitId", unitOpts);
  const boardId = select("boardId", boards.map((b): [string, string] => [String(b.id), b.name]));
  const unitField = field(t("unit"), unitId);
  const boardField = field(t("board"), boardId);
  const noBoards = h("p", { class: "muted" }, t("noBoards"));
  // An inspector sits on a board; every other role is held on a unit.
  const sync = () => {
    const inspector = role.value === "inspector";
    unitField.hidden = inspector;
    boardField.hidden = !inspector || !boards.length;
    noBoards.hidden = !inspector || boards.length > 0;
  };
  role.addEventListener("change", sync);
  sync();
  const add = form(
    {
      draftKey: `admin:grant:${user.id}`,
      submitLabel: t("grant"),
      restored: sync,
      onSubmit: async (key) => {
        const body = role.value === "inspector" ? { role: role.value, boardId: Number(boardId.value) } : { role: role.value, unitId: Number(unitId.value) };
        await api("POST", `/users/${user.id}/grants`, body, { idempotencyKey: key });
        go(here);
      },
    },
    field(t("role"), role),
    unitField,
    boardField,
    noBoards,
  );

  const confirmBox = h("div");
  const deactivate =
    user.isActive && user.id !== myId
      ? h(
          "button",
          {
            type: "button",
            class: "danger",
            on: {
              click: () =>
                confirmStep(confirmBox, t("deactivateText", { name: user.displayName }), t("deactivate"), async () => {
                  await api("POST", `/users/${user.id}/deactivate`);
                  go(here);
                }),
            },
          },
          t("deactivate"),
        )
      : null;
  // A broad attack on the password suspends sign-in; the admin lifts it once the user is reached.
  const unlock = user.signInLocked
    ? h("button", { type: "button", class: "secondary", on: { click: async () => { await api("POST", `/users/${user.id}/unlock`); go(here); } } }, t("unlock"))
    : null;

  return h(
    "section",
    { class: "card", "aria-labelledby": "user-panel" },
    h("h2", { id: "user-panel" }, `${user.displayName} (${user.username})`),
    created ? notice("ok", t("created", { name: user.displayName })) : null,
    h(
      "dl",
      { class: "facts" },
      h("dt", null, t("phone")), h("dd", null, user.phone ?? "—"),
      h("dt", null, t("status")), h("dd", null, h("span", { class: user.isActive ? "badge ok" : "badge bad" }, user.isActive ? t("active") : t("inactive")), user.signInLocked ? [" ", h("span", { class: "badge bad" }, t("signInLocked"))] : null),
      h("dt", null, t("createdAt")), h("dd", null, dmy(user.createdAt)),
    ),
    h("h3", null, t("grants")),
    msg,
    grants,
    user.isActive ? [h("h3", null, t("addGrant")), add] : null,
    deactivate || unlock ? h("div", { class: "actions" }, unlock, deactivate) : null,
    confirmBox,
  );
}
