import { expect } from "chai";
import { testApp, TestApp } from "../helpers/app";
import { user, world, World } from "../helpers/given";
import { work } from "../helpers/given-works";
import { binary, keep, pdfText, readXlsx, requireTool } from "./helpers";

// The minutes of a supervision board's inspection (biên bản giám
// sát) as PDF and Excel: who inspected, what, when, the checklist, the findings with their status,
// the addenda, the signature blocks and the verification block. Minutes are the inspection as filed:
// a draft makes none; a publication needs the inspection published (the public sees no
// inspection before that).

const HEX64 = /^[0-9a-f]{64}$/;
/** Every Vietnamese letter with a diacritic, lower and upper case: each must come back out of the PDF. */
const DIACRITICS = "àáảãạ ăằắẳẵặ âầấẩẫậ đ èéẻẽẹ êềếểễệ ìíỉĩị òóỏõọ ôồốổỗộ ơờớởỡợ ùúủũụ ưừứửữự ỳýỷỹỵ";
const ALL_LETTERS = `${DIACRITICS} ${DIACRITICS.toLocaleUpperCase("vi")}`;

const FINDINGS = [
  { category: "chất lượng", severity: "major", description: "Bê tông mặt đường thiếu độ dày 2 cm ở đoạn cuối tuyến", recommendation: "Đổ bù bê tông đủ độ dày thiết kế", addressedTo: "Đơn vị thi công", dueDate: "2025-06-12" },
  { category: "công khai", severity: "minor", description: "Chưa niêm yết bảng công khai chi phí tại nhà văn hóa", recommendation: "Niêm yết ngay bảng chi phí", addressedTo: "Trưởng thôn Đồng Tâm", dueDate: "2025-07-15" },
  { category: "môi trường", severity: "observation", description: "Rãnh thoát nước bị ứ đọng sau mưa", recommendation: "Khơi thông rãnh", addressedTo: "Tổ thi công", dueDate: "2025-07-20" },
  { category: "chi phí", severity: "critical", description: "Hóa đơn vật liệu không khớp số lượng nghiệm thu", recommendation: "Đối chiếu lại hóa đơn và khối lượng", addressedTo: "Kế toán thôn", dueDate: "2025-07-30" },
];

/** A work of hamlet A, an inspection of it by the board with two members present, four findings (one per status), an addendum. */
async function inspected(t: TestApp, w: Pick<World, "board" | "hamletA" | "inspector" | "treasurerA">, opts: { file?: boolean; publish?: boolean } = {}) {
  // names with diacritics, as members of a real board have
  await t.db("users").where({ id: w.inspector.id }).update({ display_name: "Nguyễn Thị Hòa" });
  const second = await user(t, "inspector.2", { role: "inspector", boardId: w.board });
  await t.db("users").where({ id: second.id }).update({ display_name: "Trần Văn Đức" });
  const wk = await work(t, w, { contractor: "Hợp tác xã Xây dựng Quyết Tiến" });
  const ins = t.as(w.inspector.token);
  const B = `/boards/${w.board}/inspections`;
  const i = await ins.post(B, {
    subject: { workId: wk.id },
    date: "2025-06-10",
    membersPresent: [w.inspector.id, second.id],
    checklist: [
      { item: "materials", result: "issue", note: "Đá dăm không đúng cỡ, mặt đường mỏng" },
      { item: "costs_disclosure", result: "ok", note: "Đã công khai dự toán" },
      { item: "design", result: "not_checked" },
    ],
  });
  expect(i.status, JSON.stringify(i.body)).to.equal(201);
  const ids: number[] = [];
  for (const f of FINDINGS) {
    const r = await ins.post(`${B}/${i.body.id}/findings`, f);
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    ids.push(r.body.id);
  }
  const move = async (token: string, id: number, body: object) => {
    const r = await t.as(token).post(`/findings/${id}/transitions`, body);
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
  };
  await move(w.treasurerA.token, ids[1], { to: "answered", text: "Thôn sẽ niêm yết trong tuần" });
  await move(w.inspector.token, ids[2], { to: "resolved", text: "Đã khơi thông" });
  await move(w.inspector.token, ids[3], { to: "escalated", text: "Chuyển Thanh tra tỉnh", escalatedTo: "province" });
  if (opts.file || opts.publish) expect((await ins.post(`${B}/${i.body.id}/transitions`, { to: "filed" })).status).to.equal(200);
  const a = await ins.post(`${B}/${i.body.id}/addenda`, { text: `Bổ sung sau khi nộp: đo lại độ dày tại 3 điểm. Kiểm tra phông chữ: ${ALL_LETTERS}` });
  expect(a.status, JSON.stringify(a.body)).to.equal(201);
  if (opts.publish) expect((await ins.post(`${B}/${i.body.id}/transitions`, { to: "published" })).status).to.equal(200);
  return { workId: wk.id, inspectionId: i.body.id as number };
}

const minutes = (t: TestApp, token: string, unitId: number, ext: "pdf" | "xlsx", inspectionId: number | string) =>
  t.api.get(`/api/v1/units/${unitId}/statements/inspection-minutes.${ext}?inspectionId=${inspectionId}`).set("Authorization", `Bearer ${token}`).buffer(true).parse(binary);

const problem = (r: { status: number; headers: Record<string, string>; body: Buffer }) => {
  expect(r.headers["content-type"]).to.match(/^application\/problem\+json/);
  return JSON.parse(r.body.toString("utf8"));
};

describe("publication: inspection minutes", () => {
  it("when a filed inspection's minutes are downloaded, then the PDF shows who, what, when, the checklist, every finding with its status, the addenda and the signatures, and Excel has the same rows", async function () {
    requireTool("pdftotext", this);
    const t = await testApp({ now: "2025-06-15T03:00:00.000Z" });
    const w = await world(t, { only: ["treasurerA", "inspector"] });
    const { inspectionId } = await inspected(t, w, { file: true });

    // the unit's treasurer downloads the PDF, the board's inspector the Excel file: same data, same hash
    const pdf = await minutes(t, w.treasurerA.token, w.hamletA, "pdf", inspectionId);
    expect(pdf.status, pdf.body.toString().slice(0, 300)).to.equal(200);
    expect(pdf.headers["content-type"]).to.equal("application/pdf");
    expect(pdf.headers["x-data-hash"]).to.match(HEX64);
    expect(pdf.headers["x-chain-head"]).to.match(/^[0-9]+:[0-9a-f]{64}$/);
    const xlsx = await minutes(t, w.inspector.token, w.hamletA, "xlsx", inspectionId);
    expect(xlsx.status).to.equal(200);
    expect(xlsx.headers["x-data-hash"]).to.equal(pdf.headers["x-data-hash"]);
    keep("inspection-minutes.pdf", pdf.body);
    keep("inspection-minutes.xlsx", xlsx.body);

    const text = pdfText(pdf.body);
    for (const s of [
      // headed by the board (its kind and commune), beside the national heading; dated the day and
      // place of the inspection (10/06), though printed on 15/06
      "BAN GIÁM SÁT ĐẦU TƯ CỦA CỘNG ĐỒNG XÃ TÂN LINH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Thôn Đồng Tâm, ngày 10 tháng 6 năm 2025",
      "BIÊN BẢN GIÁM SÁT Công trình Đường bê tông xóm 3",
      // when, where, what, who
      "Thời gian giám sát: ngày 10 tháng 6 năm 2025",
      "Địa điểm: Xóm 3, thôn Đồng Tâm",
      "Đối tượng giám sát: Công trình Đường bê tông xóm 3",
      "Chủ đầu tư: Thôn Đồng Tâm, xã Tân Linh",
      "Đơn vị thi công: Hợp tác xã Xây dựng Quyết Tiến",
      "Ban giám sát: Ban GSĐTCĐ (Ban Giám sát đầu tư của cộng đồng)",
      "Thành viên Ban có mặt (đủ 2 thành viên): Nguyễn Thị Hòa (người lập biên bản), Trần Văn Đức",
      "Người lập biên bản: Nguyễn Thị Hòa",
      // the checklist as recorded: the items in the words of the board's screen, in its order, with their results
      "1 Vật liệu, chất lượng Có vấn đề Đá dăm không đúng cỡ, mặt đường mỏng 2 Công khai chi phí Đạt Đã công khai dự toán 3 Thiết kế, bản vẽ Chưa kiểm tra",
      "Kết quả kiểm tra: 1 nội dung đạt, 1 nội dung có vấn đề, 1 nội dung chưa kiểm tra",
      // the findings, each status as of the day of printing (15/06/2025), which the table says, the overdue one flagged
      "Các phát hiện và kiến nghị của Ban (tình trạng xử lý đến ngày 15 tháng 6 năm 2025)",
      "Chưa xử lý (quá hạn)", "Đã trả lời", "Đã khắc phục", "Đã chuyển cấp trên (cấp tỉnh)",
      "Nghiêm trọng", "Rất nghiêm trọng", "12/06/2025", "15/07/2025",
      "Số phát hiện: 4 (chưa xử lý 1, đã trả lời 1, đã khắc phục 1, đã chuyển cấp trên 1; quá hạn 1)",
      // the addenda, every diacritic intact
      "Phụ lục, bổ sung biên bản", "Bổ sung sau khi nộp: đo lại độ dày tại 3 điểm.", ALL_LETTERS,
      // signatures of the work's owner and builder (names by hand) and of each member present, by name
      "ĐẠI DIỆN CHỦ ĐẦU TƯ (Ký, ghi rõ họ tên) ĐẠI DIỆN ĐƠN VỊ THI CÔNG (Ký, ghi rõ họ tên) NGƯỜI LẬP BIÊN BẢN (Ký, ghi rõ họ tên) Nguyễn Thị Hòa THÀNH VIÊN BAN (Ký, ghi rõ họ tên) Trần Văn Đức",
      // sent to the commune's Front committee (the board reports to it), the commune, the owner, the builder, the residents
      "Nơi nhận: - Ủy ban MTTQ Việt Nam xã Tân Linh; - UBND xã Tân Linh; - Thôn Đồng Tâm (chủ đầu tư); - Hợp tác xã Xây dựng Quyết Tiến (đơn vị thi công); - Các hộ gia đình (niêm yết tại nhà văn hóa thôn Đồng Tâm); - Lưu: hồ sơ của Ban.",
      // verification, not published
      pdf.headers["x-data-hash"], pdf.headers["x-chain-head"], "chưa công bố", "Trang 1/",
    ]) {
      expect(text, s).to.include(s);
    }
    for (const f of FINDINGS) for (const s of [f.description, f.recommendation, f.addressedTo]) expect(text, s).to.include(s);
    // the board's paper: not headed or dated by the hamlet's committee, no item it did not record, no English
    for (const s of ["UBND XÃ TÂN LINH THÔN ĐỒNG TÂM", "Tân Linh, ngày 15 tháng 6", "Thôn Đồng Tâm, ngày 15 tháng 6", "Giải phóng mặt bằng", "Không ghi nhận", "TRƯỞNG BAN", "not published"]) expect(text, s).to.not.include(s);
    // minutes carry no amount: no amount in words
    expect(text).to.not.include("không đồng");
    expect(text).to.not.include("Đơn vị tính: đồng");

    // Excel: the checklist first, then the findings as rows, the addenda, and the information sheet
    const wb = await readXlsx(xlsx.body);
    expect(wb.worksheets.map((s) => s.name)).to.deep.equal(["Nội dung giám sát", "Phát hiện, kiến nghị", "Phụ lục", "Thông tin"]);
    const checklist = wb.worksheets[0].getSheetValues().filter(Boolean) as unknown[][];
    expect(checklist.find((r) => r.includes("Vật liệu, chất lượng"))).to.include("Có vấn đề");
    expect(checklist.filter((r) => typeof r[1] === "number").map((r) => r[2])).to.deep.equal(["Vật liệu, chất lượng", "Công khai chi phí", "Thiết kế, bản vẽ"]);
    const fs = wb.getWorksheet("Phát hiện, kiến nghị")!;
    expect(fs.getRow(1).values).to.include.members(["STT", "Lĩnh vực", "Mức độ", "Nội dung phát hiện", "Kiến nghị", "Gửi đến", "Hạn xử lý", "Tình trạng"]);
    expect(fs.rowCount).to.equal(1 + FINDINGS.length);
    for (const [i, f] of FINDINGS.entries()) {
      const row = fs.getRow(i + 2);
      expect(row.getCell(1).value).to.equal(i + 1);
      expect(row.getCell(2).value).to.equal(f.category);
      expect(row.getCell(4).value).to.equal(f.description);
      expect(row.getCell(5).value).to.equal(f.recommendation);
      expect(row.getCell(6).value).to.equal(f.addressedTo);
      expect((row.getCell(7).value as Date).toISOString().slice(0, 10)).to.equal(f.dueDate);
    }
    expect(fs.getRow(2).getCell(8).value).to.equal("Chưa xử lý (quá hạn)");
    expect(fs.getRow(5).getCell(8).value).to.equal("Đã chuyển cấp trên (cấp tỉnh)");
    expect(JSON.stringify(wb.getWorksheet("Phụ lục")!.getSheetValues())).to.include(ALL_LETTERS);
    const info = JSON.stringify(wb.getWorksheet("Thông tin")!.getSheetValues());
    expect(info).to.include(pdf.headers["x-data-hash"]);
    expect(info).to.include("Thành viên Ban có mặt");
  });

  it("when an inspection of the unit's funds is filed, then its minutes say so and the unit's accountant signs instead of a builder", async function () {
    requireTool("pdftotext", this);
    const t = await testApp();
    const w = await world(t, { only: ["headA", "inspector"] });
    const ins = t.as(w.inspector.token);
    const i = await ins.post(`/boards/${w.board}/inspections`, { subject: { unitId: w.hamletA }, date: "2025-06-01", membersPresent: [w.inspector.id], checklist: [{ item: "costs_disclosure", result: "issue", note: "Sổ quỹ chưa cập nhật" }] });
    expect(i.status, JSON.stringify(i.body)).to.equal(201);
    expect((await ins.post(`/boards/${w.board}/inspections/${i.body.id}/transitions`, { to: "filed" })).status).to.equal(200);
    const pdf = await minutes(t, w.headA.token, w.hamletA, "pdf", i.body.id);
    expect(pdf.status, pdf.body.toString().slice(0, 300)).to.equal(200);
    const text = pdfText(pdf.body);
    for (const s of [
      "Thôn Đồng Tâm, ngày 01 tháng 6 năm 2025",
      "BIÊN BẢN GIÁM SÁT Thu, chi các quỹ của Thôn Đồng Tâm",
      "Đối tượng giám sát: Thu, chi các quỹ của Thôn Đồng Tâm, xã Tân Linh",
      "1 Công khai chi phí Có vấn đề Sổ quỹ chưa cập nhật",
      "Ban không ghi nhận phát hiện nào trong đợt giám sát này.",
      "Không có phụ lục bổ sung.",
      "ĐẠI DIỆN THÔN ĐỒNG TÂM (Ký, ghi rõ họ tên) KẾ TOÁN / THỦ QUỸ (Ký, ghi rõ họ tên) NGƯỜI LẬP BIÊN BẢN (Ký, ghi rõ họ tên) inspector",
    ]) {
      expect(text, s).to.include(s);
    }
    expect(text).to.not.include("ĐƠN VỊ THI CÔNG");
    expect(text).to.not.include("CHỦ ĐẦU TƯ");
  });

  it("when a people's inspection board of five present out of six checks the funds, then the minutes are headed by that board, name who was absent, and every member present signs by name on the same page", async function () {
    requireTool("pdftotext", this);
    const t = await testApp({ now: "2025-06-20T03:00:00.000Z" });
    const w = await world(t, { only: ["communeAdmin", "treasurerA"] });
    const b = await t.as(w.communeAdmin.token).post(`/units/${w.commune}/boards`, { kind: "ttnd", name: "Ban Thanh tra nhân dân xã Tân Linh", oversees: { unitIds: [w.hamletA] } });
    expect(b.status, JSON.stringify(b.body)).to.equal(201);
    const NAMES = ["Lê Thị Lan", "Phạm Văn Bình", "Hoàng Thị Cúc", "Vũ Đình Dũng", "Đặng Văn Em", "Ngô Thị Gấm"];
    const members: { id: number; token: string }[] = [];
    for (const [i, name] of NAMES.entries()) {
      const m = await user(t, `ttnd.${i}`, { role: "inspector", boardId: b.body.id });
      await t.db("users").where({ id: m.id }).update({ display_name: name });
      members.push(m);
    }
    // the third member writes the minutes; the last is away
    const ins = t.as(members[2].token);
    const present = members.slice(0, 5).map((m) => m.id);
    const i = await ins.post(`/boards/${b.body.id}/inspections`, {
      subject: { unitId: w.hamletA },
      date: "2025-06-12",
      membersPresent: present,
      checklist: [{ item: "costs_disclosure", result: "ok", note: "Sổ quỹ khớp chứng từ" }, { item: "environment", result: "not_checked" }],
    });
    expect(i.status, JSON.stringify(i.body)).to.equal(201);
    expect((await ins.post(`/boards/${b.body.id}/inspections/${i.body.id}/transitions`, { to: "filed" })).status).to.equal(200);

    const pdf = await minutes(t, w.treasurerA.token, w.hamletA, "pdf", i.body.id);
    expect(pdf.status, pdf.body.toString().slice(0, 300)).to.equal(200);
    keep("inspection-minutes-ttnd.pdf", pdf.body);
    const text = pdfText(pdf.body);
    for (const s of [
      "BAN THANH TRA NHÂN DÂN XÃ TÂN LINH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Nơi nhận: - Ủy ban MTTQ Việt Nam xã Tân Linh; - UBND xã Tân Linh; - Thôn Đồng Tâm; - Các hộ gia đình",
      "Thôn Đồng Tâm, ngày 12 tháng 6 năm 2025",
      "Ban giám sát: Ban Thanh tra nhân dân xã Tân Linh",
      "Thành viên Ban có mặt (5 trong số 6 thành viên): Lê Thị Lan, Phạm Văn Bình, Hoàng Thị Cúc (người lập biên bản), Vũ Đình Dũng, Đặng Văn Em",
      "Thành viên Ban vắng mặt: Ngô Thị Gấm",
      "1 Công khai chi phí Đạt Sổ quỹ khớp chứng từ 2 Vệ sinh, môi trường Chưa kiểm tra",
    ]) {
      expect(text, s).to.include(s);
    }
    // every member present signs under their printed name, the writer as such; the absent member does not sign
    for (const [n, name] of NAMES.slice(0, 5).entries()) {
      const title = n === 2 ? "NGƯỜI LẬP BIÊN BẢN" : "THÀNH VIÊN BAN";
      expect(text, name).to.include(`${title} (Ký, ghi rõ họ tên) ${name}`);
    }
    expect(text.split("(Ký, ghi rõ họ tên)")).to.have.length(1 + 2 + 5);
    expect(text).to.not.include("(Ký, ghi rõ họ tên) Ngô Thị Gấm");
    // the seven blocks stay together: all on the page that has the first
    const pages = Number(/Trang 1\/(\d+)/.exec(text)![1]);
    const signing = [...Array(pages).keys()].map((p) => pdfText(pdf.body, p + 1)).filter((p) => p.includes("(Ký, ghi rõ họ tên)"));
    expect(signing).to.have.length(1);
    for (const name of NAMES.slice(0, 5)) expect(signing[0], name).to.include(`(Ký, ghi rõ họ tên) ${name}`);
  });

  it("when the inspection is a draft, or of another unit, or the caller has nothing to do with the unit, then the minutes are refused like any statement", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["communeAdmin", "treasurerA", "headA", "treasurerB", "inspector"] });
    const { inspectionId } = await inspected(t, w);
    // a draft makes no minutes: 409 naming its state, for PDF and Excel alike
    for (const ext of ["pdf", "xlsx"] as const) {
      const r = await minutes(t, w.treasurerA.token, w.hamletA, ext, inspectionId);
      expect(r.status).to.equal(409);
      expect(problem(r)).to.include({ code: "inspection_not_filed", state: "draft", id: inspectionId, title: "Chưa có biên bản" });
    }
    const en = await t.api.get(`/api/v1/units/${w.hamletA}/statements/inspection-minutes.pdf?inspectionId=${inspectionId}`).set("Authorization", `Bearer ${w.inspector.token}`).set("Accept-Language", "en").buffer(true).parse(binary);
    expect(problem(en)).to.include({ code: "inspection_not_filed", title: "Inspection not filed" });
    // the parameter is required, and only it
    const none = await t.as(w.treasurerA.token).get(`/units/${w.hamletA}/statements/inspection-minutes.pdf`);
    expect(none.status).to.equal(400);
    expect(JSON.stringify(none.body.errors)).to.include("/query/inspectionId");
    expect((await t.as(w.treasurerA.token).get(`/units/${w.hamletA}/statements/inspection-minutes.pdf?inspectionId=${inspectionId}&workId=1`)).status).to.equal(400);
    // an unknown inspection: 404
    expect((await minutes(t, w.treasurerA.token, w.hamletA, "pdf", 999999)).status).to.equal(404);
    // file it: now the unit's staff and the board read it, nobody else
    expect((await t.as(w.inspector.token).post(`/boards/${w.board}/inspections/${inspectionId}/transitions`, { to: "filed" })).status).to.equal(200);
    for (const token of [w.treasurerA.token, w.headA.token, w.inspector.token, w.communeAdmin.token]) {
      expect((await minutes(t, token, w.hamletA, "pdf", inspectionId)).status).to.equal(200);
    }
    // another hamlet's treasurer: 404 on hamlet A (as for any statement), and 404 asking through their own hamlet
    const other = await minutes(t, w.treasurerB.token, w.hamletA, "pdf", inspectionId);
    expect(other.status).to.equal(404);
    expect(problem(other).code).to.equal("not_found");
    const own = await minutes(t, w.treasurerB.token, w.hamletB, "xlsx", inspectionId);
    expect(own.status).to.equal(404);
    expect(problem(own)).to.include({ code: "not_found", entity: "inspection" });
    // anonymous: 401
    expect((await t.as().get(`/units/${w.hamletA}/statements/inspection-minutes.pdf?inspectionId=${inspectionId}`)).status).to.equal(401);
  });

  it("when minutes are published, then only a published inspection can be posted, and the public copy has the findings and verifies", async function () {
    requireTool("pdftotext", this);
    const t = await testApp({ now: "2025-06-15T03:00:00.000Z" });
    const w = await world(t, { only: ["treasurerA", "headA", "treasurerB", "inspector"] });
    const { inspectionId } = await inspected(t, w, { file: true });
    const body = { statement: { kind: "inspection-minutes", params: { inspectionId } }, places: ["culture_house", "website"], postedFrom: "2025-06-16", postedUntil: "2025-07-16" };
    const tr = t.as(w.treasurerA.token);
    // filed but not published by the board: staff may read it, the public may not see it yet
    const early = await tr.post(`/units/${w.hamletA}/publications`, body);
    expect(early.status, JSON.stringify(early.body)).to.equal(409);
    expect(early.headers["content-type"]).to.match(/^application\/problem\+json/);
    expect(early.body).to.include({ code: "inspection_not_published", state: "filed" });
    // an inspection of another unit cannot be posted by this one
    expect((await t.as(w.treasurerB.token).post(`/units/${w.hamletB}/publications`, body)).status).to.equal(404);

    expect((await t.as(w.inspector.token).post(`/boards/${w.board}/inspections/${inspectionId}/transitions`, { to: "published" })).status).to.equal(200);
    const d = await tr.post(`/units/${w.hamletA}/publications`, body);
    expect(d.status, JSON.stringify(d.body)).to.equal(201);
    // the minutes are the board's own word: no board opinion on them
    expect((await t.as(w.inspector.token).post(`/units/${w.hamletA}/publications/${d.body.id}/board-opinions`, { stance: "sign_off", text: "Đồng ý" })).status).to.equal(422);
    const a = await t.as(w.headA.token).post(`/units/${w.hamletA}/publications/${d.body.id}/approve`);
    expect(a.status, JSON.stringify(a.body)).to.equal(200);
    expect(a.body).to.include({ status: "published", kind: "inspection-minutes" });
    expect(a.body.dataHash).to.match(HEX64);
    // the loudspeaker reads what the minutes count, never an amount they do not have
    expect(a.body.announcement, a.body.announcement).to.not.match(/không đồng|: [a-zà-ỹ ]+ đồng/);
    expect(a.body.announcement, a.body.announcement).to.include("biên bản giám sát");

    const pub = await t.api.get(`/api/v1/public/publications/${d.body.id}.pdf`).buffer(true).parse(binary);
    expect(pub.status).to.equal(200);
    expect(pub.headers["x-data-hash"]).to.equal(a.body.dataHash);
    keep("inspection-minutes-published.pdf", pub.body);
    const text = pdfText(pub.body);
    for (const f of FINDINGS) expect(text, f.description).to.include(f.description);
    expect(text).to.include(`Mã xác minh: ${a.body.code}`);
    expect(text).to.include(a.body.dataHash);
    expect(text).to.include("Tình trạng biên bản: Ban đã công bố ngày 15 tháng 6 năm 2025");
    const xl = await readXlsx((await t.api.get(`/api/v1/public/publications/${d.body.id}.xlsx`).buffer(true).parse(binary)).body);
    expect(xl.getWorksheet("Phát hiện, kiến nghị")!.rowCount).to.equal(1 + FINDINGS.length);
    const list = await t.as().get(`/public/units/${w.hamletA}/publications`);
    expect(list.body.data.map((p: { kind: string; params: object }) => [p.kind, p.params])).to.deep.include(["inspection-minutes", { inspectionId }]);
    const v = await t.as().get(`/public/verify/${a.body.code}?hash=${a.body.dataHash}`);
    expect(v.status).to.equal(200);
    expect(v.body).to.include({ genuine: true, kind: "inspection-minutes", title: "BIÊN BẢN GIÁM SÁT" });
    expect(v.body.period).to.deep.equal({ from: "2025-06-10", to: "2025-06-10" });
  });
});
