import { expect } from "chai";
import { testApp } from "../helpers/app";
import { user, world } from "../helpers/given";
import { household } from "../helpers/given-contributions";
import { work } from "../helpers/given-works";
import { binary, keep, pdfText, readXlsx, requireTool } from "./helpers";

// A board's periodic report (báo cáo kết quả giám sát): its inspections of the period, the works it
// supervises, its findings by state and its recommendations, as PDF and Excel, publishable by its
// commune like any statement. In public, a finding names no household unless the board agreed.

const HOUSEHOLD = { code: "DT-007", headName: "Nguyễn Văn Tư" };
const TOLD = `Hộ ông ${HOUSEHOLD.headName} (mã ${HOUSEHOLD.code}) lấn chiếm lề đường thi công`;

describe("publication: a board's report", () => {
  it("when a board reports on a period, then PDF and Excel list its inspections, works, findings by state and recommendations; published, the public copy verifies and masks the household the board did not agree to name", async function () {
    this.timeout(60_000);
    requireTool("pdftotext", this);
    const t = await testApp({ now: "2025-06-15T03:00:00.000Z" });
    const w = await world(t, { only: ["treasurerA", "treasurerB", "communeAdmin", "inspector"] });
    await household(t, w, HOUSEHOLD.code, { headName: HOUSEHOLD.headName });
    const wk = await work(t, w, { name: "Đường bê tông xóm 3" });
    const ins = t.as(w.inspector.token);
    const B = `/boards/${w.board}/inspections`;
    const i = await ins.post(B, { subject: { workId: wk.id }, date: "2025-06-10", membersPresent: [w.inspector.id], checklist: [{ item: "land_clearance", result: "issue" }] });
    expect(i.status, JSON.stringify(i.body)).to.equal(201);
    const finding = (description: string, namesPublic?: boolean) =>
      ins.post(`${B}/${i.body.id}/findings`, { category: "mặt bằng", severity: "minor", description, recommendation: `Vận động hộ ${HOUSEHOLD.code} trả lại lề đường`, addressedTo: "Trưởng thôn", dueDate: "2025-07-15", ...(namesPublic === undefined ? {} : { namesPublic }) });
    const masked = await finding(TOLD);
    expect(masked.status, JSON.stringify(masked.body)).to.equal(201);
    expect(masked.body.namesPublic).to.equal(false);
    const agreed = await finding(`Hộ ${HOUSEHOLD.headName} đã đồng ý công khai việc hiến đất`, true);
    expect(agreed.body.namesPublic).to.equal(true);
    // an inspection outside the period is not in the report
    const later = await ins.post(B, { subject: { workId: wk.id }, date: "2025-06-14", membersPresent: [w.inspector.id], checklist: [] });
    for (const id of [i.body.id, later.body.id]) expect((await ins.post(`${B}/${id}/transitions`, { to: "filed" })).status).to.equal(200);

    const q = `boardId=${w.board}&from=2025-06-01&to=2025-06-12`;
    const get = (ext: string, token: string, unitId = w.commune, query = q) => t.api.get(`/api/v1/units/${unitId}/statements/board-report.${ext}?${query}`).set("Authorization", `Bearer ${token}`).buffer(true).parse(binary);
    const pdf = await get("pdf", w.communeAdmin.token);
    expect(pdf.status, pdf.body.toString().slice(0, 300)).to.equal(200);
    const xlsx = await get("xlsx", w.communeAdmin.token);
    expect(xlsx.headers["x-data-hash"]).to.equal(pdf.headers["x-data-hash"]);
    keep("board-report.pdf", pdf.body);
    const text = pdfText(pdf.body).replace(/\s+/g, " ");
    for (const s of ["BÁO CÁO KẾT QUẢ GIÁM SÁT", "(Từ ngày 01/06/2025 đến ngày 30/06/2025)".replace("30/06", "12/06"), "Số cuộc giám sát: 1", "Số công trình giám sát: 1", "Phát hiện theo tình trạng: 2 (chưa xử lý 2, đã trả lời 0", "Số kiến nghị: 2", "Ban chưa đủ thành phần theo quy định"]) {
      expect(text, s).to.include(s);
    }
    // staff read the text as the board wrote it
    expect(text).to.include(HOUSEHOLD.headName);
    const book = await readXlsx(xlsx.body);
    expect(book.getWorksheet("Các cuộc giám sát")!.rowCount).to.be.at.least(2);
    expect(book.getWorksheet("Công trình giám sát")!.getRow(2).values).to.include("Đường bê tông xóm 3");
    expect(book.getWorksheet("Kiến nghị")!.rowCount).to.equal(3);

    // the period and the board are required; a hamlet the board oversees reads what concerns it, another hamlet has no such board
    expect((await get("pdf", w.communeAdmin.token, w.commune, `boardId=${w.board}`)).status).to.equal(400);
    expect((await get("pdf", w.communeAdmin.token, w.commune, "from=2025-06-01&to=2025-06-12")).status).to.equal(400);
    const hamlet = await get("pdf", w.treasurerA.token, w.hamletA);
    expect(hamlet.status).to.equal(200);
    expect(pdfText(hamlet.body).replace(/\s+/g, " ")).to.include("Số cuộc giám sát: 1");
    const other = await get("pdf", w.treasurerB.token, w.hamletB);
    expect(other.status).to.equal(404);

    // published by the commune: only published inspections, households masked unless agreed
    const treasurer = await user(t, "xa.thuquy", { role: "treasurer", unitId: w.commune });
    const head = await user(t, "xa.chutich", { role: "head", unitId: w.commune });
    expect((await ins.post(`${B}/${i.body.id}/transitions`, { to: "published" })).status).to.equal(200);
    const d = await t.as(treasurer.token).post(`/units/${w.commune}/publications`, {
      statement: { kind: "board-report", params: { boardId: w.board, from: "2025-06-01", to: "2025-06-12" } }, places: ["commune_office", "website"], postedFrom: "2025-06-16", postedUntil: "2025-07-16",
    });
    expect(d.status, JSON.stringify(d.body)).to.equal(201);
    const a = await t.as(head.token).post(`/units/${w.commune}/publications/${d.body.id}/approve`);
    expect(a.status, JSON.stringify(a.body)).to.equal(200);
    expect(a.body).to.include({ status: "published", kind: "board-report" });
    const pub = await t.api.get(`/api/v1/public/publications/${d.body.id}.pdf`).buffer(true).parse(binary);
    expect(pub.status).to.equal(200);
    keep("board-report-published.pdf", pub.body);
    const shown = pdfText(pub.body).replace(/\s+/g, " ");
    expect(shown).to.include("Hộ ông [hộ gia đình] (mã [hộ gia đình]) lấn chiếm lề đường thi công");
    expect(shown).to.include(`Hộ ${HOUSEHOLD.headName} đã đồng ý công khai việc hiến đất`);
    expect(shown.split(HOUSEHOLD.code).length - 1, "the code only where the board agreed").to.equal(1);
    const v = await t.as().get(`/public/verify/${a.body.code}?hash=${a.body.dataHash}`);
    expect(v.body).to.include({ genuine: true, kind: "board-report" });

    // the work's public page masks the same way
    const page = await t.as().get(`/public/works/${wk.id}`);
    expect(page.status).to.equal(200);
    const said = JSON.stringify(page.body);
    expect(said).to.include("Hộ ông [hộ gia đình] (mã [hộ gia đình])");
    expect(said).to.include(`Hộ ${HOUSEHOLD.headName} đã đồng ý`);
  });

  it("when a hamlet the board oversees asks for its report, then it holds that hamlet's inspections only, not another hamlet's", async function () {
    this.timeout(60_000);
    requireTool("pdftotext", this);
    const t = await testApp({ now: "2025-06-15T03:00:00.000Z" });
    const w = await world(t, { only: ["treasurerA", "communeAdmin"] });
    const both = await t.as(w.communeAdmin.token).post(`/units/${w.commune}/boards`, { kind: "ttnd", name: "Ban TTND xã", oversees: { unitIds: [w.hamletA, w.hamletB] } });
    const member = await user(t, "ttnd.1", { role: "inspector", boardId: both.body.id });
    const B = `/boards/${both.body.id}/inspections`;
    for (const unitId of [w.hamletA, w.hamletB]) {
      const i = await t.as(member.token).post(B, { subject: { unitId }, date: "2025-06-10", membersPresent: [member.id], checklist: [] });
      expect((await t.as(member.token).post(`${B}/${i.body.id}/transitions`, { to: "filed" })).status).to.equal(200);
    }
    const read = async (unitId: number, token: string) => {
      const r = await t.api.get(`/api/v1/units/${unitId}/statements/board-report.pdf?boardId=${both.body.id}&from=2025-06-01&to=2025-06-30`).set("Authorization", `Bearer ${token}`).buffer(true).parse(binary);
      expect(r.status).to.equal(200);
      return pdfText(r.body).replace(/\s+/g, " ");
    };
    const whole = await read(w.commune, w.communeAdmin.token);
    expect(whole).to.include("Số cuộc giám sát: 2").and.include("Thu, chi các quỹ của Thôn Tân Phú");
    const mine = await read(w.hamletA, w.treasurerA.token);
    expect(mine).to.include("Số cuộc giám sát: 1").and.include("Phạm vi báo cáo: Các nội dung liên quan đến Thôn Đồng Tâm").and.include("BAN THANH TRA NHÂN DÂN XÃ TÂN LINH");
    expect(mine).to.not.include("Thôn Tân Phú");
  });
});
