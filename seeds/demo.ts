import type { Knex } from "knex";
import { createBoard, createFirstAdmin, createUser, grantRole, systemActor, Role } from "../src/identity";
import { setUpUnit } from "../src/modules";

// Demo data for clicking through (README lists the users). Goes through the services, so the
// demo obeys every rule; tests never rely on it.

export const DEMO_PASSWORD = "matkhau-demo";

export const DEMO_USERS: { username: string; displayName: string; role: Role | "installation admin"; unit?: string; board?: boolean }[] = [
  { username: "admin", displayName: "Quản trị hệ thống", role: "installation admin" },
  { username: "xa.admin", displayName: "Lê Thị Hồng (văn phòng xã)", role: "admin", unit: "tan-linh" },
  { username: "dt.thuquy", displayName: "Nguyễn Thị Mai (thủ quỹ thôn Đồng Tâm)", role: "treasurer", unit: "dong-tam" },
  { username: "dt.truongthon", displayName: "Trần Văn Bình (trưởng thôn Đồng Tâm)", role: "head", unit: "dong-tam" },
  { username: "tp.thuquy", displayName: "Phạm Thị Lan (thủ quỹ thôn Tân Phú)", role: "treasurer", unit: "tan-phu" },
  { username: "tp.truongthon", displayName: "Hoàng Văn Nam (trưởng thôn Tân Phú)", role: "head", unit: "tan-phu" },
  { username: "gs.thanhvien", displayName: "Đỗ Văn Khang (Ban Giám sát đầu tư cộng đồng)", role: "inspector", board: true },
];

export async function seedDemo(trx: Knex.Transaction, opts: { at: string; scryptCost: number }): Promise<void> {
  const actor = systemActor(opts.at, "demo-seed");
  const province = await setUpUnit(trx, actor, { code: "an-binh", name: "Tỉnh An Bình", kind: "province" });
  const commune = await setUpUnit(trx, actor, { code: "tan-linh", name: "Xã Tân Linh", kind: "commune", parentId: province.id });
  const dongTam = await setUpUnit(trx, actor, { code: "dong-tam", name: "Thôn Đồng Tâm", kind: "hamlet", parentId: commune.id });
  const tanPhu = await setUpUnit(trx, actor, { code: "tan-phu", name: "Thôn Tân Phú", kind: "hamlet", parentId: commune.id });
  const units: Record<string, number> = { "tan-linh": commune.id, "dong-tam": dongTam.id, "tan-phu": tanPhu.id };
  const board = await createBoard(trx, actor, commune.id, {
    kind: "gsdtcd",
    name: "Ban Giám sát đầu tư của cộng đồng xã Tân Linh",
    termStart: "2024-01-01",
    termEnd: "2026-12-31",
    oversees: { unitIds: [dongTam.id, tanPhu.id] },
  });
  for (const u of DEMO_USERS) {
    if (u.role === "installation admin") {
      if (!(await trx("users").where({ username: u.username }).first())) {
        await createFirstAdmin(trx, actor, { username: u.username, displayName: u.displayName, password: DEMO_PASSWORD }, opts.scryptCost);
      }
      continue;
    }
    const user = await createUser(trx, actor, { username: u.username, displayName: u.displayName, password: DEMO_PASSWORD }, opts.scryptCost);
    await grantRole(trx, actor, user.id, u.board ? { role: u.role, boardId: board.id } : { role: u.role, unitId: units[u.unit!] });
  }
}
