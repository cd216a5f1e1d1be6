import { expect } from "chai";
import { fixtureActor, householdWithPin, work } from "../helpers/given-works";
import { openConsultation } from "../../src/works";
import { expectNoProblems, phoneIt, look, openWeb, signIn, VIEWPORTS, Web } from "./browser";

// The commune's response to residents' opinions on a phone (360 px): once a consultation has
// closed, the hamlet head reads the households' comments on the work screen, writes what was taken
// up and why the rest was not (a line not taken up without a reason is refused in place), saves a
// draft (not enough to approve the work), publishes it after a confirmation, the work is approved,
// and residents read the response on the work's public page.

const PHONE = VIEWPORTS[0];

/** Fails with what the screen says, not only "timeout". */
async function see(web: Web, text: string | RegExp): Promise<void> {
  await web.page.getByText(text).first().waitFor({ timeout: 10_000 }).catch(async (e) => {
    throw new Error(`${e.message}\n--- main:\n${await web.page.locator("main").innerText()}`);
  });
}

describe("web: the response to residents' opinions on a phone", () => {
  phoneIt(`[${PHONE.width}px] when a consultation has closed, then the head writes the response, a line not taken up needs a reason, publishing asks first, and the public page shows it`, async function () {
    this.timeout(90_000);
    const web = await openWeb(this, PHONE);
    try {
      const { page, url, w, t } = web;
      const a = await work(t, w, { name: "Đường bê tông xóm 3", funding: [{ source: "commune", amount: "80000000" }] });
      const hs = [await householdWithPin(t, w.hamletA, "DT-001"), await householdWithPin(t, w.hamletA, "DT-002"), await householdWithPin(t, w.hamletA, "DT-003")];
      // the consultation ran from 1 to 10 June: the households answered while it was open
      const now = t.clock.now().toISOString();
      t.clock.set("2025-06-05T03:00:00.000Z");
      const c = await t.db.transaction((trx) =>
        openConsultation(trx, fixtureActor(t, w), w.hamletA, a.id, { question: "Bà con có đồng ý phương án bê tông hóa đường xóm 3 không?", opensAt: "2025-06-01T00:00:00Z", closesAt: "2025-06-10T00:00:00Z" }));
      const comments = ["Nên làm rãnh thoát nước hai bên đường", "Mở rộng mặt đường lên 4 m", ""];
      for (const [i, h] of hs.entries()) {
        const o = await t.as().post(`/public/consultations/${c.id}/opinions`, { householdCode: h.code, pin: h.pin, choice: i === 2 ? "disagree" : "agree", ...(comments[i] ? { comment: comments[i] } : {}) });
        expect(o.status, JSON.stringify(o.body)).to.equal(201);
      }
      t.clock.set(now);

      await signIn(page, url, "head.a", `/app/units/${w.hamletA}/works/${a.id}`);
      await page.locator("main h1", { hasText: "Đường bê tông xóm 3" }).waitFor();
      const panel = page.locator("#consultations .response-panel");
      await panel.getByText("Nên làm rãnh thoát nước hai bên đường").waitFor();
      await panel.getByLabel("Tóm tắt giải trình").fill("Ban điều hành thôn đã họp, tiếp thu ý kiến của bà con.\nPhương án điều chỉnh như sau.");
      await panel.getByLabel("Nội dung ý kiến (theo nhóm)").fill("Làm rãnh thoát nước hai bên đường");
      await panel.getByRole("button", { name: "Thêm một ý kiến" }).click();
      const second = panel.locator("fieldset.response-item").nth(1);
      await second.getByLabel("Nội dung ý kiến (theo nhóm)").fill("Mở rộng mặt đường lên 4 m");
      await second.getByLabel("Tiếp thu?").selectOption("no");
      await panel.getByRole("button", { name: "Lưu bản giải trình" }).click();
      await see(web, "Ý kiến thứ 2 không được tiếp thu: cần nêu lý do.");
      expect(await t.db("consultation_responses").first()).to.equal(undefined);
      await second.getByLabel("Lý do (bắt buộc khi không tiếp thu)").fill("Không đủ đất: nhiều hộ chưa đồng ý hiến đất");
      await panel.getByRole("button", { name: "Lưu bản giải trình" }).click();
      await see(web, "Đã lưu bản nháp. Kiểm tra lại rồi công khai.");
      await see(web, "Bản nháp (chưa công khai)");
      await look(page, PHONE, "responses-draft");
      // a draft is not enough to approve the work: the screen says why
      const moves = page.locator("#moves form");
      await moves.getByLabel("Chuyển sang").selectOption("approved");
      await moves.getByRole("button", { name: "Chuyển trạng thái" }).click();
      await see(web, /Trước khi phê duyệt, cần công khai việc tiếp thu, giải trình ý kiến/);

      // publishing asks first; cancelling leaves the draft
      await panel.getByRole("button", { name: "Công khai giải trình" }).click();
      await see(web, "Công khai bản giải trình này?");
      await look(page, PHONE, "responses-confirm");
      await panel.getByRole("button", { name: "Huỷ" }).click();
      expect((await t.db("consultation_responses").first()).published_at).to.equal(null);
      await panel.getByRole("button", { name: "Công khai giải trình" }).click();
      await panel.getByRole("button", { name: "Xác nhận công khai" }).click();
      await see(web, "Đã công khai giải trình trên trang công khai của công trình.");
      const row = await t.db("consultation_responses").first();
      expect(row.published_at).to.equal(now);
      expect(await panel.getByRole("button", { name: "Lưu bản giải trình" }).count()).to.equal(0);
      await look(page, PHONE, "responses-published");
      // now the work is approved on the consultation in favour
      await moves.getByLabel("Chuyển sang").selectOption("approved");
      await moves.getByRole("button", { name: "Chuyển trạng thái" }).click();
      await see(web, "Đã chuyển sang “Đã duyệt”.");
      expect((await t.db("works").where({ id: a.id }).first()).status).to.equal("approved");

      // residents read it on the work's public page
      await page.goto(`${url}/u/ha/works/${a.id}`);
      const pub = page.locator(`#y-kien-${c.id}`);
      await pub.getByText("Giải trình, tiếp thu ý kiến của nhân dân").waitFor();
      expect(await pub.innerText()).to.contain("Không tiếp thu").and.contain("Không đủ đất: nhiều hộ chưa đồng ý hiến đất").and.contain("Làm rãnh thoát nước hai bên đường");
      await pub.scrollIntoViewIfNeeded();
      await look(page, PHONE, "responses-public");
      expectNoProblems(web);
    } finally {
      await web.close();
    }
  });
});
