import { expect } from "chai";
import { PASSWORD, user } from "../helpers/given";
import { work } from "../helpers/given-works";
import { decision, households } from "../decisions/given";
import { expectNoProblems, phoneIt, look, openWeb, signIn, VIEWPORTS } from "./browser";

// A board's page on a 360-px phone says who its members are and in what role, and flags a Ban
// GSĐTCĐ not made up as the law says with why; once complete, the flag is gone.

const PHONE = VIEWPORTS.find((v) => v.width === 360)!;
const BOARD = "Ban Giám sát đầu tư của cộng đồng thôn Đồng Tâm";

describe("web: a board's members on a phone", () => {
  phoneIt("[360px] when a board has too few members and no Front representative, then its page says so and why; with five members, a chair and a Front representative, it lists their roles and no flag", async function () {
    this.timeout(90_000);
    const web = await openWeb(this, PHONE);
    try {
      const { page, url, w, t } = web;
      const made = await t.as(w.communeAdmin.token).post(`/units/${w.commune}/boards`, { kind: "gsdtcd", name: BOARD, oversees: { unitIds: [w.hamletA] } });
      expect(made.status, JSON.stringify(made.body)).to.equal(201);
      const boardId = made.body.id as number;
      const chair = await user(t, "gs.dongtam", { role: "inspector", boardId });
      await t.db("users").where({ id: chair.id }).update({ display_name: "Nguyễn Văn An" });
      const set = async (userId: number, role: string, frontRepresentative: boolean) => {
        const r = await t.as(w.communeAdmin.token).post(`/boards/${boardId}/members`, { userId, role, frontRepresentative });
        expect(r.status, JSON.stringify(r.body)).to.equal(200);
      };
      await set(chair.id, "chair", false);

      await signIn(page, url, "gs.dongtam");
      await page.goto(`${url}/app/boards/${boardId}`);
      await page.locator("main h1", { hasText: BOARD }).waitFor();
      const flag = page.locator(".notice.warn", { hasText: "Ban chưa đủ thành phần theo quy định" });
      await flag.waitFor();
      expect(await flag.innerText()).to.include("Ban có 1 thành viên, cần từ 5 đến 7 thành viên.").and.include("Ban chưa có đại diện Ủy ban Mặt trận Tổ quốc Việt Nam xã.");
      await look(page, PHONE, "board-incomplete");

      const names = ["Trần Thị Bích", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em"];
      for (const [n, displayName] of names.entries()) {
        const u = await t.as(w.communeAdmin.token).post("/users", { username: `gs.tv${n}`, displayName, password: PASSWORD });
        await set(u.body.id, n === 0 ? "vice_chair" : "member", n === 1);
      }
      await page.reload();
      await page.locator("main h1", { hasText: BOARD }).waitFor();
      const members = page.locator("section", { has: page.locator("h2", { hasText: "Thành viên" }) });
      await members.getByText("Lê Văn Cường").waitFor();
      const text = await members.innerText();
      for (const s of ["Nguyễn Văn An", "Trưởng ban", "Trần Thị Bích", "Phó Trưởng ban", "Hoàng Văn Em"]) expect(text).to.include(s);
      expect(await page.locator(".notice.warn", { hasText: "chưa đủ thành phần" }).count()).to.equal(0);
      await look(page, PHONE, "board-members");
      await expectNoProblems(web);
    } finally {
      await web.close();
    }
  });

  phoneIt("[360px] when the head approves a work the residents pay for and no Ban GSĐTCĐ supervises it, then the work screen says a board is needed and links to setting one up", async function () {
    this.timeout(90_000);
    const web = await openWeb(this, PHONE);
    try {
      const { page, url, w, t } = web;
      // the world's board oversees nothing here
      await t.db("board_units").where({ board_id: w.board }).delete();
      await households(t, w.hamletA, 5, "QD");
      const decided = await decision(t, w.hamletA, { subject: "work_investment", upto: "recognised", title: "Đầu tư đường bê tông xóm Đồi" });
      const a = await work(t, w, { name: "Đường bê tông xóm Đồi" });
      await signIn(page, url, "head.a", `/app/units/${w.hamletA}/works/${a.id}`);
      const moves = page.locator("#moves form");
      await moves.getByLabel("Chuyển sang").selectOption("approved");
      const basis = moves.getByLabel(/^Quyết định của hộ dân/);
      await basis.locator(`option[value="${decided.id}"]`).waitFor({ state: "attached" });
      await basis.selectOption(String(decided.id));
      await moves.getByRole("button", { name: "Chuyển trạng thái" }).click();
      const warned = page.locator(".notice.warn", { hasText: "chưa có Ban Giám sát đầu tư của cộng đồng giám sát" });
      await warned.waitFor();
      const link = warned.getByRole("link", { name: "Thành lập hoặc giao Ban giám sát" });
      expect(await link.getAttribute("href")).to.equal(`/app/admin?unit=${w.commune}`);
      await look(page, PHONE, "work-board-needed");
      await expectNoProblems(web);
    } finally {
      await web.close();
    }
  });
});
