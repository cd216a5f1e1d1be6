import type { BackupsWire, BackupWire } from "../../../backup/wire";
import { api, ApiError, get } from "../api";
import type { BoardWire as Board } from "../../../supervision/wire";
import { fill, h } from "../dom";
import { texts } from "../i18n";
import type { ScreenCtx } from "../screen";
import type { Unit } from "../roles";
import { checkbox, dmy, field, form, heading, input, money, moneyField, notice, select, spinner, table } from "../ui";
import { adminOf, isRootAdmin, names, treeOrder, unitLabel } from "./_admin-widgets";
import { outboxPanel } from "./_outbox";

// The clerk's administration: the units under her as a tree (province → communes → hamlets), a
// new unit, one unit's name and settings, and a commune's supervision boards. Users and the audit
// log have their own screens. The address names the unit being looked at (?unit=…).

const t = texts({
  vi: {
    title: "Quản trị", users: "Người dùng và phân quyền", audit: "Nhật ký hệ thống", units: "Đơn vị", newUnit: "Thêm đơn vị",
    code: "Mã đơn vị", codeHint: "Chữ không dấu, số, gạch nối (vd: thon-dong-tam). Dùng trong địa chỉ trang công khai, không đổi được.",
    name: "Tên đơn vị", kind: "Cấp", parent: "Trực thuộc", noParent: "Không có đơn vị cấp trên phù hợp mà bạn quản trị.", create: "Thêm đơn vị", created: "Đã thêm đơn vị {name}.",
    settings: "Tên và cài đặt", threshold: "Ngưỡng duyệt phiếu chi", thresholdHint: "Phiếu chi lớn hơn số này phải được trưởng thôn duyệt.", saveSettings: "Lưu thay đổi", savedSettings: "Đã lưu.",
    cashMinor: "Chênh lệch kiểm kê quỹ: mức nhỏ", cashMinorHint: "Chênh lệch dưới mức này chỉ ghi nhận (lưu ý); từ mức này là kiến nghị mức nhẹ.",
    cashCritical: "Chênh lệch kiểm kê quỹ: mức nghiêm trọng", cashCriticalHint: "Từ mức này là kiến nghị nghiêm trọng; từ gấp mười lần là rất nghiêm trọng.",
    open: "Xem, sửa", dashboard: "Trang đơn vị", closings: "Khoá sổ", allUnits: "← Tất cả đơn vị", none: "Bạn chưa quản trị đơn vị nào.",
    boards: "Ban giám sát của xã", boardName: "Tên ban", boardKind: "Loại ban", term: "Nhiệm kỳ", termStart: "Nhiệm kỳ từ ngày", termEnd: "Đến ngày", oversees: "Giám sát",
    members: "Thành viên", noMembers: "Chưa có", newBoard: "Lập ban giám sát", createBoard: "Lập ban", boardCreated: "Đã lập {name}.", overseesLegend: "Các thôn ban giám sát",
    noHamlets: "Xã chưa có thôn nào.", works: "{n} công trình", notAdmin: "Bạn xem được đơn vị này nhưng không quản trị nó.", codeLabel: "Mã", inactive: "Ngừng hoạt động",
    assignHint: "Giao thành viên cho ban ở màn hình Người dùng (quyền “Thành viên ban giám sát”).",
    backups: "Sao lưu dữ liệu", backupNow: "Sao lưu ngay", backingUp: "Đang sao lưu…", lastGood: "Bản sao lưu gần nhất: {name}, lúc {at} ({size}).",
    backupDone: "Đã sao lưu: {name}.", noBackup: "Chưa có bản sao lưu nào thành công. Mất máy hoặc hỏng ổ đĩa là mất toàn bộ sổ sách: hãy sao lưu ngay.",
    staleBackup: "Bản sao lưu gần nhất đã cũ ({at}): lịch sao lưu là {hours} giờ một lần. Hãy kiểm tra ổ sao lưu (ổ USB có được cắm không?) rồi sao lưu ngay.",
    backupSchedule: "Tự động sao lưu {hours} giờ một lần vào {dir}, giữ {keep} bản gần nhất.", backupsOff: "Chưa bật sao lưu tự động. Đặt biến BACKUP_DIR (ví dụ thư mục của ổ USB hoặc ổ mạng) rồi khởi động lại dịch vụ.",
    backupFailedAt: "Lần sao lưu lúc {at} không thành công: {error}", backupList: "Các bản sao lưu", backupName: "Tên", backupAt: "Lúc", backupSize: "Dung lượng", backupState: "Kết quả", ok: "Thành công", failedState: "Không thành công",
  },
  en: {
    title: "Administration", users: "Users and roles", audit: "Audit log", units: "Units", newUnit: "Add a unit",
    code: "Unit code", codeHint: "Letters without accents, digits, hyphens (e.g. thon-dong-tam). Used in the public page's address; cannot change.",
    name: "Unit name", kind: "Level", parent: "Belongs to", noParent: "No suitable parent unit that you administer.", create: "Add unit", created: "Unit {name} added.",
    settings: "Name and settings", threshold: "Voucher approval threshold", thresholdHint: "Payment vouchers above this need the hamlet head's approval.", saveSettings: "Save changes", savedSettings: "Saved.",
    cashMinor: "Cash count difference: minor from", cashMinorHint: "A difference below this is only an observation; from it, a minor finding.",
    cashCritical: "Cash count difference: major from", cashCriticalHint: "From this a major finding; from ten times this, critical.",
    open: "View, edit", dashboard: "Unit page", closings: "Period closing", allUnits: "← All units", none: "You administer no unit yet.",
    boards: "The commune's supervision boards", boardName: "Board name", boardKind: "Kind of board", term: "Term", termStart: "Term from", termEnd: "Until", oversees: "Oversees",
    members: "Members", noMembers: "None yet", newBoard: "Set up a supervision board", createBoard: "Set up board", boardCreated: "{name} set up.", overseesLegend: "Hamlets the board oversees",
    noHamlets: "The commune has no hamlet yet.", works: "{n} works", notAdmin: "You can see this unit but do not administer it.", codeLabel: "Code", inactive: "Inactive",
    assignHint: "Assign members on the Users screen (the “Board inspector” role).",
    backups: "Backups", backupNow: "Back up now", backingUp: "Backing up…", lastGood: "Last good backup: {name}, at {at} ({size}).",
    backupDone: "Backed up: {name}.", noBackup: "No backup has succeeded yet. A stolen computer or a failed disk would lose every book: back up now.",
    staleBackup: "The last good backup is old ({at}): the schedule is every {hours} hours. Check the backup disk (is the USB disk plugged in?) and back up now.",
    backupSchedule: "Backed up every {hours} hours into {dir}; the newest {keep} are kept.", backupsOff: "Automatic backups are off. Set BACKUP_DIR (a USB disk's or a network share's folder, for example) and restart the service.",
    backupFailedAt: "The backup at {at} failed: {error}", backupList: "Backups", backupName: "Name", backupAt: "At", backupSize: "Size", backupState: "Result", ok: "Succeeded", failedState: "Failed",
  },
});

type Backup = BackupWire;
type Backups = BackupsWire;

const PARENT_KIND: Record<Unit["kind"], Unit["kind"] | null> = { province: null, commune: "province", hamlet: "commune" };

export default async function admin({ root, me, query, go }: ScreenCtx): Promise<void> {
  root.classList.add("admin-area");
  fill(root, heading(t("title")), spinner());
  const units = (await get<{ data: Unit[] }>("/units")).data;
  const byId = new Map(units.map((u) => [u.id, u]));
  const mine = (u: Unit) => adminOf(me, u, byId);
  const selected = query.get("unit") ? byId.get(Number(query.get("unit"))) : undefined;

  const tree = treeOrder(units);
  const treeEl = tree.length
    ? h(
        "ul",
        { class: "unit-tree" },
        tree.map(({ unit, depth }) =>
          h(
            "li",
            { class: `depth-${Math.min(depth, 3)}`, "aria-current": unit.id === selected?.id ? "true" : undefined },
            h("a", { href: `/app/admin?unit=${unit.id}` }, unit.name),
            " ",
            h("span", { class: "badge" }, names(unit.kind)),
            " ",
            h("span", { class: "muted" }, unit.code),
            unit.isActive ? null : [" ", h("span", { class: "badge warn" }, t("inactive"))],
          ),
        ),
      )
    : h("p", null, t("none"));

  fill(
    root,
    heading(t("title")),
    h("ul", { class: "tiles" }, h("li", null, h("a", { href: "/app/admin/users" }, t("users"))), h("li", null, h("a", { href: "/app/admin/audit" }, t("audit")))),
    selected ? [unitPanel(selected, mine(selected), units, go), mine(selected) ? outboxPanel(selected.id) : null] : backupsSection(),
    h("h2", null, t("units")),
    treeEl,
    newUnitForm(me, units, mine, go),
  );
}

const size = (bytes: number) => (bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1).replace(".", ",")} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** The installation's backups: installation and commune admins see them (others are refused, and see nothing here). */
function backupsSection(): HTMLElement {
  const box = h("section", { class: "card", "aria-labelledby": "backups", hidden: true });
  const state = h("div", { "aria-live": "polite" });
  const list = h("div");
  const button = h("button", { type: "button" }, t("backupNow"));
  const show = (b: Backups, done?: Backup) => {
    box.hidden = false;
    const good = b.data.find((x) => x.ok);
    const latest = b.data[0];
    const stale = good && b.schedule && Date.now() - new Date(good.createdAt).getTime() > 2 * b.schedule.everyHours * 3600_000;
    fill(
      state,
      done ? notice("ok", t("backupDone", { name: done.name })) : null,
      latest && !latest.ok ? notice("error", t("backupFailedAt", { at: dmy(latest.createdAt), error: latest.error ?? "" })) : null,
      !good ? notice("warn", t("noBackup")) : stale ? notice("warn", t("staleBackup", { at: dmy(good.createdAt), hours: b.schedule!.everyHours })) : h("p", null, t("lastGood", { name: good.name, at: dmy(good.createdAt), size: size(good.sizeBytes) })),
      b.schedule ? h("p", { class: "muted" }, t("backupSchedule", { hours: b.schedule.everyHours, dir: b.schedule.dir, keep: b.schedule.keep })) : notice("info", t("backupsOff")),
    );
    button.hidden = !b.schedule;
    fill(
      list,
      b.data.length
        ? table<Backup>(
            [
              { label: t("backupName"), cell: (x) => x.name },
              { label: t("backupAt"), cell: (x) => h("time", { datetime: x.createdAt }, dmy(x.createdAt)) },
              { label: t("backupSize"), cell: (x) => (x.ok ? size(x.sizeBytes) : "—") },
              { label: t("backupState"), cell: (x) => (x.ok ? t("ok") : [h("span", { class: "badge warn" }, t("failedState")), " ", x.error ?? ""]) },
            ],
            b.data.slice(0, 10),
            t("backupList"),
          )
        : null,
    );
  };
  const load = (done?: Backup) =>
    get<Backups>("/admin/backups").then(
      (b) => show(b, done),
      () => undefined, // a hamlet's admin: the installation's backups are not theirs
    );
  button.addEventListener("click", async () => {
    button.disabled = true;
    button.textContent = t("backingUp");
    try {
      const made = await api<Backup>("POST", "/admin/backups");
      await load(made);
    } catch (err) {
      await load();
      // A failed backup is in the list, and said above it; anything else (the network) is said here.
      if (!(err instanceof ApiError && err.code === "backup_failed")) state.prepend(notice("error", err instanceof ApiError ? err.detail || err.code : String(err)));
    } finally {
      button.disabled = false;
      button.textContent = t("backupNow");
    }
  });
  void load();
  fill(box, h("h2", { id: "backups" }, t("backups")), state, h("p", { class: "actions" }, button), list);
  return box;
}

function newUnitForm(me: ScreenCtx["me"], units: Unit[], mine: (u: Unit) => boolean, go: (p: string) => void): HTMLElement {
  const kinds: Unit["kind"][] = [...(isRootAdmin(me) ? (["province"] as const) : []), "commune", "hamlet"];
  const kind = select("kind", kinds.map((k) => [k, names(k)]), "hamlet");
  const parent = select("parentId", []);
  const noParent = h("p", { class: "muted" });
  const parentField = field(t("parent"), parent);
  // The parent list follows the level chosen: a hamlet under a commune, a commune under a province.
  const syncParents = () => {
    const want = PARENT_KIND[kind.value as Unit["kind"]];
    const options = want ? units.filter((u) => u.kind === want && u.isActive && mine(u)) : [];
    const keep = parent.value;
    fill(parent, options.map((u) => h("option", { value: String(u.id), selected: String(u.id) === keep }, unitLabel(u))));
    parentField.hidden = !want;
    fill(noParent, want && !options.length ? t("noParent") : "");
  };
  kind.addEventListener("change", syncParents);
  syncParents();
  const name = input("name", { required: true, maxlength: "200" });
  const code = input("code", { required: true, maxlength: "32", autocapitalize: "none", spellcheck: "false", pattern: "[A-Za-z0-9][A-Za-z0-9_\\-]{0,31}" });
  const f = form(
    {
      draftKey: "admin:new-unit",
      submitLabel: t("create"),
      restored: syncParents,
      onSubmit: async (key) => {
        const body: { code: string; name: string; kind: string; parentId?: number } = { code: code.value.trim(), name: name.value.trim(), kind: kind.value };
        if (PARENT_KIND[kind.value as Unit["kind"]] && parent.value) body.parentId = Number(parent.value);
        const u = await api<Unit>("POST", "/units", body, { idempotencyKey: key });
        go(`/app/admin?unit=${u.id}&created=1`);
      },
    },
    field(t("kind"), kind),
    parentField,
    noParent,
    field(t("name"), name),
    field(t("code"), code, t("codeHint")),
  );
  return h("section", { "aria-labelledby": "new-unit" }, h("h2", { id: "new-unit" }, t("newUnit")), f);
}

function unitPanel(unit: Unit, isAdmin: boolean, units: Unit[], go: (p: string) => void): HTMLElement {
  const created = new URLSearchParams(location.search).get("created");
  const box = h("section", { class: "card", "aria-labelledby": "unit-panel" });
  const facts = h(
    "dl",
    { class: "facts" },
    h("dt", null, t("codeLabel")), h("dd", null, unit.code),
    h("dt", null, t("kind")), h("dd", null, names(unit.kind)),
    unit.kind === "hamlet" || unit.approvalThreshold ? [h("dt", null, t("threshold")), h("dd", null, unit.approvalThreshold ? `${money(unit.approvalThreshold)} đ` : "—")] : null,
  );
  const links = h(
    "p",
    { class: "actions" },
    h("a", { href: "/app/admin" }, t("allUnits")),
    h("a", { href: `/app/units/${unit.id}` }, t("dashboard")),
    h("a", { href: `/app/units/${unit.id}/closings` }, t("closings")),
  );
  fill(box, h("h2", { id: "unit-panel" }, unitLabel(unit)), created ? notice("ok", t("created", { name: unit.name })) : null, facts, links);
  if (!isAdmin) {
    box.append(h("p", { class: "muted" }, t("notAdmin")));
    return box;
  }
  const done = h("div", { "aria-live": "polite" });
  const threshold = moneyField(t("threshold"), "approvalThreshold");
  threshold.el.append(h("small", { class: "hint" }, t("thresholdHint")));
  threshold.set(unit.approvalThreshold ?? ""); // shown formatted, as a restored draft would be
  // The unit's cash count thresholds: what severity a count's difference opens a finding at.
  const cashMinor = moneyField(t("cashMinor"), "cashDifferenceMinor");
  cashMinor.el.append(h("small", { class: "hint" }, t("cashMinorHint")));
  cashMinor.set(unit.cashDifferenceMinor);
  const cashCritical = moneyField(t("cashCritical"), "cashDifferenceCritical");
  cashCritical.el.append(h("small", { class: "hint" }, t("cashCriticalHint")));
  cashCritical.set(unit.cashDifferenceCritical);
  const name = input("name", { value: unit.name, required: true, maxlength: "200" });
  const edit = form(
    {
      submitLabel: t("saveSettings"),
      onSubmit: async () => {
        const patch: { name?: string; approvalThreshold?: string; cashDifferenceMinor?: string; cashDifferenceCritical?: string } = {};
        if (name.value.trim() && name.value.trim() !== unit.name) patch.name = name.value.trim();
        if (threshold.value() && threshold.value() !== unit.approvalThreshold) patch.approvalThreshold = threshold.value();
        if (cashMinor.value() && cashMinor.value() !== unit.cashDifferenceMinor) patch.cashDifferenceMinor = cashMinor.value();
        if (cashCritical.value() && cashCritical.value() !== unit.cashDifferenceCritical) patch.cashDifferenceCritical = cashCritical.value();
        if (!Object.keys(patch).length) return fill(done, notice("ok", t("savedSettings")));
        await api("PATCH", `/units/${unit.id}`, patch);
        go(`/app/admin?unit=${unit.id}`);
      },
    },
    field(t("name"), name),
    threshold.el,
    cashMinor.el,
    cashCritical.el,
  );
  box.append(h("h3", null, t("settings")), done, edit);
  if (unit.kind === "commune") box.append(boardsSection(unit, units, go));
  return box;
}

function boardsSection(commune: Unit, units: Unit[], go: (p: string) => void): HTMLElement {
  const hamlets = units.filter((u) => u.parentId === commune.id);
  const nameOf = (id: number) => units.find((u) => u.id === id)?.name ?? `#${id}`;
  const list = h("div", null, spinner());
  void get<{ data: Board[] }>(`/units/${commune.id}/boards`).then(
    (r) =>
      fill(
        list,
        table<Board>(
          [
            { label: t("boardName"), cell: (b) => h("a", { href: `/app/boards/${b.id}` }, b.name) },
            { label: t("boardKind"), cell: (b) => names(b.kind) },
            { label: t("term"), cell: (b) => (b.termStart || b.termEnd ? `${dmy(b.termStart)} – ${dmy(b.termEnd)}` : "—") },
            { label: t("oversees"), cell: (b) => [b.oversees.unitIds.map(nameOf).join(", "), b.oversees.workIds.length ? ` · ${t("works", { n: b.oversees.workIds.length })}` : ""] },
            { label: t("members"), cell: (b) => (b.members.length ? b.members.map((m) => m.displayName).join(", ") : h("span", { class: "muted" }, t("noMembers"))) },
          ],
          r.data,
          t("boards"),
        ),
      ),
    (err) => fill(list, notice("error", String((err as Error).message ?? err))),
  );
  const checks = hamlets.map((u) => ({ unitId: u.id, ...checkbox(`oversee-${u.id}`, u.name, false, { value: String(u.id) }) }));
  const kind = select("kind", [["gsdtcd", names("gsdtcd")], ["ttnd", names("ttnd")]]);
  const name = input("name", { required: true, maxlength: "200" });
  const termStart = input("termStart", { type: "date" });
  const termEnd = input("termEnd", { type: "date" });
  const f = form(
    {
      draftKey: `admin:board:${commune.id}`,
      submitLabel: t("createBoard"),
      onSubmit: async (key) => {
        const unitIds = checks.filter((c) => c.box.checked).map((c) => c.unitId);
        const body: { kind: string; name: string; oversees: { unitIds: number[] }; termStart?: string; termEnd?: string } = { kind: kind.value, name: name.value.trim(), oversees: { unitIds } };
        if (termStart.value) body.termStart = termStart.value;
        if (termEnd.value) body.termEnd = termEnd.value;
        await api("POST", `/units/${commune.id}/boards`, body, { idempotencyKey: key });
        go(`/app/admin?unit=${commune.id}`);
      },
    },
    field(t("boardKind"), kind),
    field(t("boardName"), name),
    h("div", { class: "filters" }, field(t("termStart"), termStart), field(t("termEnd"), termEnd)),
    h("fieldset", { class: "checks" }, h("legend", null, t("overseesLegend")), checks.length ? checks.map((c) => c.el) : h("p", { class: "muted" }, t("noHamlets"))),
  );
  return h("div", null, h("h3", null, t("boards")), list, h("p", { class: "muted" }, t("assignHint")), h("h3", null, t("newBoard")), f);
}
