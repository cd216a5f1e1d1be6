import { expect } from "chai";
import fs from "node:fs";
import { tempDir } from "../helpers/db";
import { expectNoProblems, look, openWeb, signIn, VIEWPORTS } from "./browser";

// The commune office has no IT staff: the admin's screen says when the books are not backed up,
// backs them up at a press, and says when the printed QR codes lead nowhere.

describe("web: backups and installation warnings", () => {
  for (const vp of VIEWPORTS) {
    it(`[${vp.width}px] when the commune admin has no backup yet, then the screen warns, and 'Sao lưu ngay' makes one`, async function () {
      this.timeout(90_000);
      const dir = tempDir();
      const web = await openWeb(this, vp, { env: { BACKUP_DIR: dir } });
      try {
        const { page, url, w } = web;
        await signIn(page, url, "commune.admin", "/app/admin");
        const section = page.locator("section", { has: page.getByRole("heading", { name: "Sao lưu dữ liệu" }) });
        await section.getByText("Chưa có bản sao lưu nào thành công").waitFor();
        await section.getByRole("button", { name: "Sao lưu ngay" }).click();
        await section.getByText("Đã sao lưu: fund-20250615-030000.").waitFor();
        await section.getByText(/Bản sao lưu gần nhất: fund-20250615-030000, lúc 15\/06\/2025 10:00/).waitFor();
        await section.getByRole("cell", { name: "fund-20250615-030000" }).waitFor();
        expect(fs.readdirSync(dir)).to.deep.equal(["fund-20250615-030000"]);
        expect(await page.locator(".banner").isHidden()).to.equal(true);
        await look(page, vp, "admin-backups");
        expect(w.commune).to.be.a("number");
        expectNoProblems(web);
      } finally {
        await web.close();
      }
    });
  }

  it("when PUBLIC_BASE_URL points at this machine, then admins see a banner saying the QR codes lead nowhere and how to fix it; treasurers do not", async function () {
    this.timeout(90_000);
    const web = await openWeb(this, VIEWPORTS[0], { env: { PUBLIC_BASE_URL: "http://localhost:3000" } });
    try {
      const { page, url } = web;
      await signIn(page, url, "treasurer.a", "/app");
      await page.waitForLoadState("networkidle");
      expect(await page.locator(".banner").isHidden()).to.equal(true);
      await page.getByRole("button", { name: "Đăng xuất" }).click();
      await signIn(page, url, "commune.admin", "/app/admin");
      const banner = page.locator(".banner");
      await banner.getByText("Mã QR trên các bản công khai đang dẫn tới http://localhost:3000").waitFor();
      await banner.getByText(/đặt biến PUBLIC_BASE_URL/).waitFor();
      // The backups section says they are off, and offers no button that can only fail.
      const section = page.locator("section", { has: page.getByRole("heading", { name: "Sao lưu dữ liệu" }) });
      await section.getByText("Chưa bật sao lưu tự động").waitFor();
      expect(await section.getByRole("button", { name: "Sao lưu ngay" }).isHidden()).to.equal(true);
      await look(page, VIEWPORTS[0], "admin-banner");
      expectNoProblems(web);
    } finally {
      await web.close();
    }
  });
});
