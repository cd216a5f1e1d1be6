import { api, saveSession } from "../api";
import { fill, h } from "../dom";
import { texts } from "../i18n";
import type { ScreenCtx } from "../screen";
import { field, form, heading, input } from "../ui";
import { myGrantLabels } from "../roles";

const t = texts({
  vi: { title: "Tài khoản", change: "Đổi mật khẩu", current: "Mật khẩu hiện tại", next: "Mật khẩu mới", hint: "Ít nhất 10 ký tự. Các phiên đăng nhập khác sẽ kết thúc.", done: "Đã đổi mật khẩu. Hãy đăng nhập lại bằng mật khẩu mới.", user: "Tên đăng nhập", name: "Họ tên", roles: "Vai trò" },
  en: { title: "Account", change: "Change password", current: "Current password", next: "New password", hint: "At least 10 characters. Your other sessions end.", done: "Password changed. Sign in again with the new password.", user: "Username", name: "Name", roles: "Roles" },
});

export default async function account({ root, me }: ScreenCtx): Promise<void> {
  const roles = await myGrantLabels(me); // "Thủ quỹ — Thôn Đồng Tâm", the board's whole name
  const oldPassword = input("oldPassword", { type: "password", autocomplete: "current-password" });
  const newPassword = input("newPassword", { type: "password", autocomplete: "new-password", minlength: "10" });
  const f = form(
    {
      submitLabel: t("change"),
      creates: true, // the passwords typed do not stay on the screen
      onSubmit: async () => {
        await api("POST", "/me/password", { oldPassword: oldPassword.value, newPassword: newPassword.value });
        saveSession(undefined);
        return { message: [t("done"), " ", h("a", { href: "/app" }, "→")] };
      },
    },
    field(t("current"), oldPassword),
    field(t("next"), newPassword, t("hint")),
  );
  fill(
    root,
    heading(t("title")),
    h("dl", { class: "facts" }, h("dt", null, t("user")), h("dd", null, me.username), h("dt", null, t("name")), h("dd", null, me.displayName), h("dt", null, t("roles")), h("dd", null, roles.join("; "))),
    h("h2", null, t("change")),
    f,
  );
}
