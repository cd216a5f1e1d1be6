import { expect } from "chai";
import { households } from "../decisions/given";
import { expectNoProblems, phoneIt, look, openWeb, signIn, signOut, VIEWPORTS, Web } from "./browser";

// Residents' decisions on a phone (360 px): the treasurer records a meeting's decision (the
// register gives the number of households), its counts, and closes the vote; the threshold and
// the outcome read in plain words; the head sends it to the commune; the commune's admin cannot
// return it without a reason and recognises it; the campaign form then rests on it.

const PHONE = VIEWPORTS[0];

/** Fails with what the screen says, not only "timeout". */
async function see(web: Web, text: string | RegExp): Promise<void> {
  await web.page.getByText(text).first().waitFor({ timeout: 15_000 }).catch(async (e) => {
    throw new Error(`${e.message}\n--- main:\n${await web.page.locator("main").innerText()}`);
  });
}

describe("web: residents' decisions on a phone", () => {
  phoneIt(`[${PHONE.width}px] when the counting team enters households' ballots, then each household counts once (a counted one is not offered again) and the outcome follows`, async function () {
    this.timeout(90_000);
    const web = await openWeb(this, PHONE);
    try {
      const { page, url, w, t } = web;
      await households(t, w.hamletA, 3, "DT");
      const made = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/decisions`, { title: "Hương ước thôn Đồng Tâm năm 2025", subject: "customary_rule", method: "household_ballot", heldOn: "2025-06-15" });
      expect(made.status, JSON.stringify(made.body)).to.equal(201);
      await signIn(page, url, "head.a", `/app/units/${w.hamletA}/decisions/${made.body.id}`);
      await see(web, "Cần ít nhất 2/3 hộ đồng ý (quá nửa tổng số hộ trong thôn).");
      const enter = async (code: string, choice: string) => {
        await page.getByLabel("Hộ", { exact: true }).selectOption({ label: `${code} — Chủ hộ DT ${Number(code.slice(3))}` });
        await page.getByLabel("Ý kiến").selectOption(choice);
        await page.getByRole("button", { name: "Ghi phiếu" }).click();
      };
      await enter("DT-001", "agree");
      await see(web, "Đã ghi phiếu của hộ DT-001.");
      // a household counted is not offered again
      expect(await page.getByLabel("Hộ", { exact: true }).locator("option").allInnerTexts()).to.deep.equal(["DT-002 — Chủ hộ DT 2", "DT-003 — Chủ hộ DT 3"]);
      await enter("DT-002", "agree");
      await see(web, "Đã thông qua: 2/3 hộ đồng ý.");
      await see(web, "Người nhập: head.a");
      await look(page, PHONE, "decisions-ballots");
      expect(await t.db("decision_ballots").where({ decision_id: made.body.id }).count({ n: "*" }).first()).to.deep.equal({ n: t.dialect === "postgres" ? "2" : 2 });
      expectNoProblems(web);
    } finally {
      await web.close();
    }
  });


  phoneIt(`[${PHONE.width}px] when the hamlet records a meeting's decision and the commune recognises it, then each step says the threshold and the outcome in plain words, and a campaign opens on it`, async function () {
    this.timeout(90_000);
    const web = await openWeb(this, PHONE);
    try {
      const { page, url, w, t } = web;
      await households(t, w.hamletA, 9, "DT");
      const D = `/app/units/${w.hamletA}/decisions`;

      // the treasurer records it: no number of households to type, the register gives it
      await signIn(page, url, "treasurer.a", D);
      await page.getByText("Chưa có quyết định nào.").waitFor();
      await page.getByLabel("Nội dung quyết định").fill("Mức đóng góp bê tông hóa đường xóm 3: 1.000.000 đồng/hộ");
      await page.getByLabel("Loại việc").selectOption("contribution_policy");
      await page.getByLabel("Hình thức").selectOption("meeting_show_of_hands");
      await look(page, PHONE, "decisions-new");
      await page.getByRole("button", { name: "Ghi quyết định" }).click();
      await see(web, "Cần ít nhất 6/9 hộ đồng ý (hai phần ba tổng số hộ trong thôn).");
      await see(web, "Chưa thông qua: 0/9 hộ đồng ý, cần 6 hộ.");

      // the meeting's counts: 5 agreeing is not enough, 6 is
      const tally = async (agree: number) => {
        await page.getByLabel("Số hộ dự họp").fill("9");
        await page.getByLabel("Đồng ý", { exact: true }).fill(String(agree));
        await page.getByLabel("Không đồng ý", { exact: true }).fill(String(8 - agree));
        await page.getByLabel("Không ý kiến", { exact: true }).fill("1");
        await page.getByRole("button", { name: "Ghi kết quả họp" }).click();
      };
      await tally(5);
      await see(web, "Chưa thông qua: 5/9 hộ đồng ý, cần 6 hộ.");
      await tally(6);
      await see(web, "Đã thông qua: 6/9 hộ đồng ý.");
      await look(page, PHONE, "decisions-tally");
      await page.getByLabel("Chuyển sang").selectOption("voted");
      await page.getByRole("button", { name: "Chuyển", exact: true }).click();
      await see(web, "Đã chuyển sang: Đã chốt kết quả.");
      // a meeting on Sunday 15/06/2025: five working days later is Friday 20/06
      await see(web, "Hạn gửi xã: 20/06/2025");
      // the treasurer does not send it: that is the head's act (no move offered to her now)
      expect(await page.getByLabel("Chuyển sang").count()).to.equal(0);
      expect(await page.getByRole("button", { name: "Ghi kết quả họp" }).count()).to.equal(0);
      await signOut(page);

      // the head sends it to the commune
      const id = (await t.db("decisions").first()).id;
      await signIn(page, url, "head.a", `${D}/${id}`);
      await page.getByLabel("Chuyển sang").selectOption("submitted");
      await page.getByRole("button", { name: "Chuyển", exact: true }).click();
      await see(web, "Đã chuyển sang: Đã gửi xã.");
      await signOut(page);

      // the commune: what waits for its recognition is listed on its own decisions page; returning needs a reason
      await signIn(page, url, "commune.admin", `/app/units/${w.commune}/decisions`);
      await page.getByRole("heading", { name: "Chờ xã công nhận (1)" }).waitFor();
      await look(page, PHONE, "decisions-commune-waiting");
      await page.getByRole("link", { name: "Thôn Đồng Tâm: Mức đóng góp bê tông hóa đường xóm 3: 1.000.000 đồng/hộ" }).click();
      await page.locator("main h1", { hasText: "Mức đóng góp bê tông hóa đường xóm 3" }).waitFor();
      await page.getByLabel("Chuyển sang").selectOption("returned");
      await page.getByRole("button", { name: "Chuyển", exact: true }).click();
      await see(web, "Trả lại quyết định phải nêu lý do.");
      await look(page, PHONE, "decisions-return-needs-reason");
      expect((await t.db("decisions").where({ id }).first()).status).to.equal("submitted");
      await page.getByLabel("Chuyển sang").selectOption("recognised");
      await page.getByRole("button", { name: "Chuyển", exact: true }).click();
      await see(web, "Đã chuyển sang: Xã đã công nhận.");
      await look(page, PHONE, "decisions-recognised");
      await signOut(page);

      // the campaign form rests on it: the paper meeting's figures are not asked
      await signIn(page, url, "treasurer.a", `/app/units/${w.hamletA}/campaigns`);
      const basis = page.getByLabel("Căn cứ: quyết định của hộ dân đã được xã công nhận");
      expect(await basis.locator("option:checked").innerText()).to.equal("15/06/2025 — Mức đóng góp bê tông hóa đường xóm 3: 1.000.000 đồng/hộ");
      expect(await page.getByLabel("Số biên bản họp").isVisible()).to.equal(false);
      await page.getByLabel("Tên đợt vận động").fill("Bê tông hóa đường xóm 3");
      await page.getByLabel("Mục đích").fill("Đổ bê tông 450 m đường");
      await look(page, PHONE, "decisions-campaign-form");
      await page.getByRole("button", { name: "Mở đợt vận động" }).click();
      await page.locator("main h1", { hasText: "Bê tông hóa đường xóm 3" }).waitFor();
      expect(await page.getByText("Chưa có quyết định được xã công nhận trong hệ thống").count()).to.equal(0);
      expect((await t.db("campaigns").first()).decision_id).to.equal(id);

      // a campaign on a paper meeting's figures alone says so on its screen
      const paper = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/campaigns`, {
        name: "Quỹ khuyến học", purpose: "Thưởng học sinh giỏi", startDate: "2025-06-15",
        decision: { date: "2025-01-10", minutesRef: "BB-01/2025", householdsTotal: 9, householdsPresent: 9, householdsAgreeing: 6 },
      });
      expect(paper.status, JSON.stringify(paper.body)).to.equal(201);
      await page.goto(`${url}/app/units/${w.hamletA}/campaigns/${paper.body.id}`);
      await see(web, "Chưa có quyết định được xã công nhận trong hệ thống");
      await look(page, PHONE, "decisions-paper-campaign");
      expectNoProblems(web);
    } finally {
      await web.close();
    }
  });
});
