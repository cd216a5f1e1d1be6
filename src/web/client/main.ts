import type { AdminStatusWire } from "../../backup/wire";
import type { LoginWire } from "../../identity/wire";
import { api, ApiError, Me, saveSession, session, whenSignedOut } from "./api";
import { fill, h } from "./dom";
import { lang, setLang, texts } from "./i18n";
import { match } from "./routes";
import { failure, field, heading, input, notice, shownTitle, spinner, title, ui } from "./ui";

// The shell: header and navigation, the login, and the router that turns the address into a
// screen. The address is the state: reload, bookmark or share it and the same screen opens.

const t = texts({
  vi: {
    app: "Sổ quỹ minh bạch", skip: "Bỏ qua, đến nội dung chính", home: "Trang chủ", account: "Tài khoản", logout: "Đăng xuất", admin: "Quản trị",
    login: "Đăng nhập", username: "Tên đăng nhập", password: "Mật khẩu", signIn: "Đăng nhập", other: "English",
    loginIntro: "Dành cho thủ quỹ, trưởng thôn, ban giám sát và cán bộ xã. Người dân xem sổ quỹ công khai tại", publicPages: "trang công khai",
    wrong: "Sai tên đăng nhập hoặc mật khẩu.", menu: "Điều hướng chính",
    qrNowhere: "Mã QR trên các bản công khai đang dẫn tới {url}: cư dân quét mã sẽ không mở được, và chưa duyệt công khai được bản nào.",
    qrFix: "Cách sửa: đặt biến PUBLIC_BASE_URL là địa chỉ cư dân truy cập được (địa chỉ của máy này trong mạng của xã, ví dụ http://192.168.1.20:3000, hoặc tên miền của xã) rồi khởi động lại dịch vụ.",
  },
  en: {
    app: "Community Fund Ledger", skip: "Skip to main content", home: "Home", account: "Account", logout: "Sign out", admin: "Administration",
    login: "Sign in", username: "Username", password: "Password", signIn: "Sign in", other: "Tiếng Việt",
    loginIntro: "For treasurers, hamlet heads, supervision boards and commune staff. Residents read the public books on the", publicPages: "public pages",
    wrong: "Wrong username or password.", menu: "Main navigation",
    qrNowhere: "The QR codes on published statements lead to {url}: residents who scan them reach nothing, and no statement can be approved for posting.",
    qrFix: "To fix it, set PUBLIC_BASE_URL to an address residents can reach (this computer's address on the commune's network, e.g. http://192.168.1.20:3000, or the commune's domain) and restart the service.",
  },
});

const main = h("main", { id: "main", tabindex: "-1" });
const nav = h("nav", { "aria-label": "" });
const header = h("header", { class: "top" });
// Installation problems only an admin can have fixed (settings of the server itself).
const banner = h("div", { class: "banner", role: "alert", hidden: true });

let statusAsked = 0;
/** Asks once per sign-in and page load whether the installation has something an admin must fix. */
function checkInstallation(): void {
  const s = session();
  const n = ++statusAsked;
  banner.hidden = true;
  if (!s?.user.grants.some((g) => g.role === "admin")) return;
  api<AdminStatusWire>("GET", "/admin/status").then(
    (st) => {
      if (n !== statusAsked || !st.warnings.includes("public_base_url_loopback")) return;
      fill(banner, h("p", null, h("strong", null, t("qrNowhere", { url: st.publicBaseUrl }))), h("p", null, t("qrFix")));
      banner.hidden = false;
    },
    () => undefined, // the banner is advice: a failed look leaves the screens as they are
  );
}

function layout(): void {
  setLang(lang());
  nav.setAttribute("aria-label", t("menu"));
  const s = session();
  const isAdmin = s?.user.grants.some((g) => g.role === "admin");
  fill(
    nav,
    h(
      "ul",
      null,
      s ? h("li", null, h("a", { href: "/app" }, t("home"))) : null,
      s && isAdmin ? h("li", null, h("a", { href: "/app/admin" }, t("admin"))) : null,
      s ? h("li", null, h("a", { href: "/app/account" }, t("account"))) : null,
      h("li", null, h("button", { type: "button", class: "linklike", lang: lang() === "vi" ? "en" : "vi", on: { click: () => { setLang(lang() === "vi" ? "en" : "vi"); layout(); void route(); } } }, t("other"))),
      s ? h("li", null, h("button", { type: "button", class: "linklike", on: { click: logout } }, t("logout"))) : null,
    ),
  );
  fill(header, h("a", { class: "skip", href: "#main" }, t("skip")), h("a", { class: "brand", href: "/app" }, t("app")), nav);
}

async function logout(): Promise<void> {
  try {
    await api("POST", "/auth/logout");
  } catch {
    // signed out here whatever the server says
  }
  saveSession(undefined);
  layout();
  go("/app");
}

let loginForm: HTMLFormElement | undefined;
function loginScreen(): void {
  // Already showing: keep what is typed. Several requests of a signed-out tab can each answer 401
  // (a screen's reads, the /me refresh), and each used to redraw the form, wiping a name being typed.
  if (loginForm && main.contains(loginForm)) return;
  const msg = h("div", { class: "form-summary" });
  const user = input("username", { autocomplete: "username", autocapitalize: "none", spellcheck: "false", required: true });
  const pass = input("password", { type: "password", autocomplete: "current-password", required: true });
  const button = h("button", { type: "submit" }, t("signIn"));
  // One plain form: Enter in either field submits it.
  const form = h("form", { class: "login", "aria-labelledby": "login-title" }, msg, field(t("username"), user), field(t("password"), pass), h("div", { class: "form-actions" }, button));
  loginForm = form;
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (button.disabled) return;
    button.disabled = true;
    msg.replaceChildren();
    try {
      const r = await api<LoginWire>("POST", "/auth/login", { username: user.value.trim(), password: pass.value });
      saveSession({ token: r.token, user: r.user });
      layout();
      checkInstallation();
      await route(); // the address asked for, now signed in
    } catch (err) {
      const text = err instanceof ApiError && err.status === 401 ? t("wrong") : err instanceof ApiError ? (err.network ? ui("networkLost") : err.detail) : String(err);
      fill(msg, notice("error", text));
      pass.select();
    } finally {
      button.disabled = false;
    }
  });
  const h1 = title(t("login"));
  h1.id = "login-title";
  fill(main, h("section", { class: "narrow" }, heading(h1), h("p", null, t("loginIntro"), " ", h("a", { href: "/" }, t("publicPages")), "."), form));
  document.title = `${t("login")} — ${t("app")}`;
  user.focus();
}

let routing = 0;
async function route(): Promise<void> {
  const n = ++routing;
  const s = session();
  if (!s) return loginScreen();
  const m = match(location.pathname.replace(/\/+$/, "") || "/app");
  fill(main, spinner());
  if (!m) return failure(main, new ApiError(404, "no_screen", ""));
  try {
    const mod = await m.load();
    if (n !== routing) return; // the user went elsewhere meanwhile
    const screen = h("div", { class: "screen" });
    fill(main, screen);
    await mod.default({ root: screen, params: m.params, query: new URLSearchParams(location.search), me: session()!.user, go });
  } catch (err) {
    if (n !== routing) return;
    if (!session()) return loginScreen();
    failure(main, err instanceof ApiError || (err as Error)?.name !== "TypeError" ? err : new ApiError(0, "network", "", [], true));
  }
  if (n !== routing) return;
  const h1 = shownTitle(main);
  document.title = `${h1?.textContent ?? ""} — ${t("app")}`;
  // Screen readers start at the new screen's title, unless the user is already typing in it.
  const active = document.activeElement;
  if (!active || active === document.body || active === main) h1?.focus({ preventScroll: true });
}

export function go(path: string): void {
  if (path !== location.pathname + location.search) history.pushState(null, "", path);
  void route();
}

// Links inside the app change the screen without reloading the page.
document.addEventListener("click", (e) => {
  const a = (e.target as Element | null)?.closest?.("a");
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const href = a.getAttribute("href");
  if (!href || a.target || a.hasAttribute("download") || !/^\/app(\/|$|\?)/.test(href)) return;
  e.preventDefault();
  go(href);
});
window.addEventListener("popstate", () => void route());
whenSignedOut(() => {
  layout();
  loginScreen();
});

function start(): void {
  const root = document.getElementById("app")!;
  fill(root, header, banner, main);
  layout();
  void route();
  checkInstallation();
  // The grants may have changed since this tab signed in: refresh them once per page load.
  if (session()) {
    api<Me>("GET", "/me")
      .then((me) => {
        const s = session();
        if (s) saveSession({ ...s, user: me });
      })
      .catch(() => undefined);
  }
}
start();
