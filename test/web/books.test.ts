import path from "node:path";
import { expect } from "chai";
import { campaign, household } from "../helpers/given-contributions";
import { expectNoProblems, look, openWeb, signIn, VIEWPORTS, Web } from "./browser";
import { holdAnswers } from "./hold";

// The treasurer's part: the treasurer's sheet imported through the import
// screen — upload, preview, commit — and a correction by reversal from the journal; the books'
// screens looked at on a phone and on a desktop.

const DATA = path.resolve(__dirname, "../fixtures");

/** The screen's text when a wait fails: the failure says what the user saw. */
async function seen(web: Web, wait: Promise<unknown>): Promise<void> {
  await wait.catch(async (e: Error) => {
    throw new Error(`${e.message}\n--- main:\n${await web.page.locator("main").innerText()}`);
  });
}

describe("web: the treasurer's books", () => {
  for (const vp of VIEWPORTS) {
    it(`[${vp.width}px] when a treasurer imports the bad sheet and then the real one, then the bad rows are marked and cannot be committed, and the real sheet's contributions are recorded`, async function () {
      this.timeout(90_000);
      const web = await openWeb(this, vp);
      try {
        const { page, url, w, t } = web;
        const c = await campaign(t, w, { startDate: "2025-02-01", target: "150000000", level: { amount: "1000000", per: "household" } });
        await signIn(page, url, "treasurer.a", `/app/units/${w.hamletA}/campaigns/${c.id}`);
        await page.getByRole("link", { name: "Nhập từ bảng tính của thủ quỹ" }).click();
        await page.locator("main h1", { hasText: "Nhập bảng kê đóng góp" }).waitFor();

        // the bad sheet: six rows marked with their messages; nothing to commit
        await page.getByLabel("Tệp bảng kê (.xlsx, .csv)").setInputFiles(path.join(DATA, "treasurer-sheet-bad.xlsx"));
        await page.getByRole("button", { name: "Tải lên và xem trước" }).click();
        await seen(web, page.getByText("Có 6 dòng lỗi").waitFor({ timeout: 10_000 }));
        expect(await page.locator("table.preview tbody tr.error[data-row]").count()).to.equal(6);
        expect(await page.getByRole("button", { name: "Ghi tất cả vào sổ" }).isDisabled()).to.equal(true);
        const row8 = await page.locator("table.preview tr[data-row='8']").innerText();
        expect(row8).to.include("Lỗi");
        expect(await page.locator("table.preview tr[data-row='8'] + tr.error-detail").innerText()).to.include("Số tiền không được âm");
        await look(page, vp, "import-preview-errors");
        // every row on request: the good ones are there too, unmarked
        await page.getByLabel("Chỉ hiện các dòng lỗi").uncheck();
        expect(await page.locator("table.preview tbody tr[data-row]").count()).to.equal(21);
        expect(await t.db("contributions").where({ campaign_id: c.id }).count({ n: "*" }).first().then((r: any) => Number(r.n))).to.equal(0);

        // the real sheet: valid, committed all at once
        await page.getByLabel("Tệp bảng kê (.xlsx, .csv)").setInputFiles(path.join(DATA, "treasurer-sheet.xlsx"));
        await page.getByRole("button", { name: "Tải lên và xem trước" }).click();
        await seen(web, page.getByText(/Bảng kê hợp lệ: 120 dòng/).waitFor({ timeout: 10_000 }));
        expect(await page.locator("table.preview tbody tr.error").count()).to.equal(0);
        expect(await page.locator("main dl.facts").innerText()).to.include("131.630.000 đ");
        await look(page, vp, "import-preview");
        await page.getByRole("button", { name: "Ghi tất cả vào sổ" }).click();
        await seen(web, page.getByText("Đã ghi 113 phiếu thu, 2 đăng ký, 4 miễn, 1 hiện vật; tạo mới 120 hộ.").waitFor({ timeout: 20_000 }));
        const recorded = await t.db("contributions").where({ campaign_id: c.id }).select("kind");
        expect(recorded.filter((r: any) => r.kind === "receipt")).to.have.length(113);
        expect(recorded.filter((r: any) => r.kind === "pledge")).to.have.length(2);
        expect(await t.db("exemptions").where({ campaign_id: c.id })).to.have.length(4);
        const s = await t.as(w.headA.token).get(`/units/${w.hamletA}/campaigns/${c.id}/summary`);
        expect(s.body).to.deep.include({ paid: "131630000", pledged: "3000000", outstanding: "3000000" });
        await look(page, vp, "import-done");

        // the campaign shows it: summary and list, sorted by amount paid
        await page.getByRole("link", { name: "Về đợt vận động" }).click();
        await seen(web, page.locator("main .stats").getByText("131.630.000 đ").waitFor());
        await page.getByText("120 hộ", { exact: true }).waitFor();
        await page.getByLabel("Sắp xếp theo").selectOption("paid");
        await page.getByLabel("Thứ tự").selectOption("desc");
        // The unfiltered list answers late (a slow line): the filter applied meanwhile must win.
        const unfiltered = (u: URL) => u.pathname.endsWith("/contributions") && u.searchParams.get("limit") !== "500";
        const slowList = await holdAnswers(page, unfiltered);
        await page.getByRole("button", { name: "Áp dụng" }).click();
        await page.waitForURL(/\?sort=paid$/); // the order asked for is the default (newest first)
        await page.getByLabel("Tình trạng", { exact: true }).selectOption("exempt");
        await page.getByRole("button", { name: "Áp dụng" }).click();
        await seen(web, page.getByText("4 hộ", { exact: true }).waitFor());
        expect(slowList.count, "the unfiltered list was asked for").to.be.greaterThan(0);
        await slowList.release();
        expect(await page.getByText("4 hộ", { exact: true }).isVisible()).to.equal(true);
        await look(page, vp, "campaign");

        // One household's details, then at once another's: the first answers late and must not
        // replace the second's under its heading.
        await page.getByLabel("Tình trạng", { exact: true }).selectOption("");
        await page.getByRole("button", { name: "Áp dụng" }).click();
        await seen(web, page.getByText("120 hộ", { exact: true }).waitFor());
        const buttons = page.locator("main table button.small");
        const [a, b] = [await buttons.nth(0).getAttribute("aria-label"), await buttons.nth(1).getAttribute("aria-label")];
        const lateDetail = await holdAnswers(page, (u) => /\/households\/[^/]+\/history$/.test(u.pathname), 1);
        await page.getByRole("button", { name: a!, exact: true }).click();
        await page.getByRole("button", { name: b!, exact: true }).click();
        const detail = page.locator("main section.detail");
        await seen(web, detail.locator("table").waitFor());
        const second = await detail.innerText();
        expect(lateDetail.count, "the first household's details were asked for").to.equal(1);
        await lateDetail.release();
        expect(await detail.innerText()).to.equal(second);
        expect(second).to.include(b!.replace("Chi tiết hộ ", ""));

        // households: found by a name typed without diacritics, even when an earlier search answers
        // after it (a slow line)
        await page.goto(`${url}/app/units/${w.hamletA}/households`);
        const earlier = (u: URL) => u.pathname.endsWith("/households") && u.searchParams.get("q") === "phan";
        const lateSearch = await holdAnswers(page, earlier);
        await page.getByLabel("Tìm theo mã hộ hoặc tên chủ hộ").fill("phan");
        await page.getByLabel("Tìm theo mã hộ hoặc tên chủ hộ").press("Enter");
        await page.getByLabel("Tìm theo mã hộ hoặc tên chủ hộ").fill("nguyen van duc");
        await page.getByLabel("Tìm theo mã hộ hoặc tên chủ hộ").press("Enter");
        await seen(web, page.getByRole("link", { name: "DT-001" }).waitFor());
        expect(lateSearch.count, "the earlier search was asked for").to.be.greaterThan(0);
        await lateSearch.release();
        expect(await page.getByRole("link", { name: "DT-001" }).isVisible()).to.equal(true);
        expect(await page.getByRole("link", { name: /^DT-/ }).count()).to.equal(1);
        expect(new URL(page.url()).searchParams.get("q")).to.equal("nguyen van duc");
        await look(page, vp, "households");
        await page.getByRole("link", { name: "DT-001" }).click();
        await seen(web, page.locator("main h1", { hasText: "DT-001 — Nguyễn Văn Đức" }).waitFor());
        await page.getByText("PT-2025-").first().waitFor();
        await look(page, vp, "household");
        expectNoProblems(web);
      } finally {
        await web.close();
      }
    });

    it(`[${vp.width}px] when a treasurer reverses a receipt from the journal with a reason, then the reversal is recorded once and the cash book shows it; a campaign below two thirds is refused with the law's reason`, async function () {
      this.timeout(90_000);
      const web = await openWeb(this, vp);
      try {
        const { page, url, w, t } = web;
        const hh = await household(t, w, "DT-001", { headName: "Nguyễn Hữu Đức" });
        const c = await campaign(t, w);
        const paid = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/contributions`, { householdId: hh.id, campaignId: c.id, amount: "1250000", date: "2025-06-10", method: "cash" });
        expect(paid.status).to.equal(201);
        await signIn(page, url, "treasurer.a", `/app/units/${w.hamletA}/entries`);
        await page.getByRole("button", { name: `Xem ${paid.body.voucherNo}` }).click();
        await seen(web, page.getByRole("table", { name: `Định khoản của ${paid.body.voucherNo}` }).waitFor());
        await page.getByText(`Đảo bút toán ${paid.body.voucherNo}`).click();
        await look(page, vp, "entries");
        await page.getByLabel("Lý do đảo (ghi vào sổ)").fill("Ghi nhầm số tiền");
        await page.getByRole("button", { name: "Đảo bút toán", exact: true }).dblclick();
        await seen(web, page.getByText(/Đã ghi bút toán đảo PK-/).waitFor({ timeout: 10_000 }));
        const reversals = await t.db("entries").where({ reverses_id: paid.body.entry.id });
        expect(reversals).to.have.length(1);
        expect(reversals[0].description).to.include("Ghi nhầm số tiền");
        // the journal, filtered to reversals, lists it
        await page.getByLabel("Loại bút toán").selectOption("reversal");
        await page.getByRole("button", { name: "Lọc", exact: true }).click();
        await seen(web, page.locator("ol.journal > li").first().getByText(/Ghi nhầm số tiền/).waitFor());
        expect(await page.locator("ol.journal > li").count()).to.equal(1);

        // the cash book: in and out again, back to zero
        await page.goto(`${url}/app/units/${w.hamletA}/accounts`);
        await seen(web, page.getByRole("link", { name: "Sổ quỹ tiền mặt 111" }).waitFor());
        await look(page, vp, "accounts");
        // Balances at 10/06 answer late (a slow line): the day asked for after them must stay shown.
        const slowDay = (u: URL) => u.pathname.endsWith("/trial-balance") && u.searchParams.get("to") === "2025-06-10";
        const late = await holdAnswers(page, slowDay);
        await page.getByLabel("Số dư đến hết ngày").fill("2025-06-10");
        await page.getByRole("button", { name: "Xem", exact: true }).click();
        await page.getByLabel("Số dư đến hết ngày").fill("2025-01-01");
        await page.getByRole("button", { name: "Xem", exact: true }).click();
        await seen(web, page.getByText("Tài khoản và số dư đến ngày 01/01/2025").waitFor());
        expect(late.count, "the balances at 10/06 were asked for").to.be.greaterThan(0);
        await late.release();
        expect(await page.getByText("Tài khoản và số dư đến ngày 01/01/2025").isVisible()).to.equal(true);
        expect(await page.locator("main table").innerText()).to.not.include("1.250.000");
        await page.getByRole("link", { name: "Sổ quỹ tiền mặt 111" }).click();
        await seen(web, page.locator("main h1", { hasText: "Sổ quỹ tiền mặt" }).waitFor());
        const book = await page.locator("table.register").innerText();
        expect(book).to.include("1.250.000 Nợ");
        expect(book).to.include(paid.body.voucherNo);
        await look(page, vp, "cash-book");

        // a campaign decided by fewer than two thirds of all households: the API's reason is shown
        await page.goto(`${url}/app/units/${w.hamletA}/campaigns`);
        await page.getByText("Mở đợt vận động mới").click();
        await page.getByLabel("Tên đợt vận động").fill("Sửa nhà văn hoá");
        await page.getByLabel("Mục đích").fill("Lợp lại mái nhà văn hoá thôn");
        await page.getByLabel("Ngày họp").fill("2025-05-10");
        await page.getByLabel("Số biên bản họp").fill("BB-02/2025");
        await page.getByLabel("Tổng số hộ trong thôn").fill("120");
        expect(await page.getByText("Cần ít nhất 80 hộ đồng ý").count()).to.equal(1);
        await page.getByLabel("Số hộ dự họp").fill("100");
        await page.getByLabel("Số hộ đồng ý").fill("79");
        await page.getByRole("button", { name: "Mở đợt vận động" }).click();
        await seen(web, page.getByText(/Chỉ 79\/120 hộ đồng ý; cần ít nhất 80 hộ/).waitFor());
        await look(page, vp, "campaigns");
        await page.getByLabel("Số hộ đồng ý").fill("80");
        await page.getByRole("button", { name: "Mở đợt vận động" }).click();
        await seen(web, page.locator("main h1", { hasText: "Sửa nhà văn hoá" }).waitFor());
        await page.locator("main .stats").waitFor();
        expect(await t.db("campaigns").where({ name: "Sửa nhà văn hoá" })).to.have.length(1);
        expectNoProblems(web);
      } finally {
        await web.close();
      }
    });
  }
});
