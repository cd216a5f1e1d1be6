import type { Writable } from "node:stream";
import type PDFKitDocument from "pdfkit";
import { FONTS } from "../../reports/fonts";
import { dateLineVi, formatDateVi } from "../shared/dates";

// The apology letter (thư xin lỗi) for an answer given late (the provincial guidance on answering
// residents and boards: whoever answers late apologises in writing and names a new date). One A4
// page, in Vietnamese, for the responsible person to sign. Its own layout: the statements' layouts
// are publication's.

/* eslint-disable-next-line @typescript-eslint/no-require-imports */
const pdfkit = (): typeof PDFKitDocument => require("pdfkit");

export interface ApologyLetter {
  unitName: string;
  /** The commune or province above the unit, for the heading's first line (none for a province). */
  parentName: string | null;
  /** "kiến nghị của Ban Giám sát" or "ý kiến phản ánh của người dân". */
  subject: "finding" | "feedback";
  /** Who must answer (the finding's addressee, the board for feedback). */
  responsible: string;
  /** What was asked, as recorded. */
  text: string;
  /** When it was received or recorded (YYYY-MM-DD). */
  askedOn: string;
  dueDate: string;
  /** The new date by which the answer will be given. */
  newDate: string;
  /** The letter's date (today in Vietnam) and its instant, for a reproducible file. */
  date: string;
  at: string;
  reference: string;
}

const WHAT = {
  finding: { title: "V/v chậm trả lời kiến nghị giám sát", asked: "kiến nghị", by: "của Ban Giám sát" },
  feedback: { title: "V/v chậm trả lời ý kiến phản ánh của người dân", asked: "ý kiến phản ánh", by: "của người dân" },
} as const;

/** Writes the letter's PDF to `out`. */
export function renderApology(letter: ApologyLetter, out: Writable): void {
  const PDFDocument = pdfkit();
  const at = new Date(letter.at);
  const w = WHAT[letter.subject];
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: 56, bottom: 56, left: 70, right: 56 },
    info: { Title: `Thư xin lỗi — ${letter.reference}`, Author: letter.unitName, Creator: "Sổ quỹ minh bạch", Producer: "Sổ quỹ minh bạch", CreationDate: at, ModDate: at },
  });
  for (const [name, file] of Object.entries(FONTS)) doc.registerFont(name, file);
  doc.pipe(out);
  const width = doc.page.width - 70 - 56;
  const left = 70;
  const half = width / 2;
  const top = doc.y;
  // The heading: the unit on the left, the national motto on the right (documents.md §1).
  doc.font("serif", 11).text((letter.parentName ?? "").toUpperCase(), left, top, { width: half - 10, align: "center" });
  doc.font("serifBold", 11).text(letter.unitName.toUpperCase(), { width: half - 10, align: "center" });
  doc.font("serif", 10).text(`Số: ${letter.reference}`, { width: half - 10, align: "center" });
  doc.font("serif", 10).text(w.title, { width: half - 10, align: "center" });
  const leftEnd = doc.y;
  doc.font("serifBold", 9.5).text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", left + half, top, { width: half, align: "center" });
  doc.font("serifBold", 12).text("Độc lập - Tự do - Hạnh phúc", { width: half, align: "center" });
  doc.moveDown(0.5);
  doc.font("serifItalic", 11).text(`${letter.unitName}, ${dateLineVi(letter.date)}`, { width: half, align: "center" });
  doc.y = Math.max(leftEnd, doc.y) + 24;

  doc.font("serifBold", 15).text("THƯ XIN LỖI", left, doc.y, { width, align: "center" });
  doc.font("serifItalic", 11).text(`về việc trả lời ${w.asked} chậm so với thời hạn`, { width, align: "center" });
  doc.moveDown(1.2);

  const para = (s: string) => doc.font("serif", 12).text(s, left, doc.y, { width, align: "justify", paragraphGap: 6 });
  para(`Người chịu trách nhiệm trả lời: ${letter.responsible}.`);
  para(`Nội dung ${w.asked} ${w.by} (nhận ngày ${formatDateVi(letter.askedOn)}):`);
  doc.font("serifItalic", 12).text(`“${letter.text}”`, left + 20, doc.y, { width: width - 20, align: "justify", paragraphGap: 6 });
  para(`Thời hạn trả lời là ngày ${formatDateVi(letter.dueDate)}. Đến nay ${w.asked} này chưa được trả lời đúng hạn.`);
  para(
    `Tôi xin chân thành xin lỗi vì đã không trả lời đúng thời hạn. Việc chậm trả lời làm ảnh hưởng đến quyền được biết, ` +
      `được kiểm tra, giám sát của Nhân dân; tôi nhận trách nhiệm về việc này.`,
  );
  para(`Tôi cam kết trả lời đầy đủ bằng văn bản chậm nhất vào ngày ${formatDateVi(letter.newDate)} và công khai câu trả lời theo quy định.`);
  doc.moveDown(2);

  const sigTop = doc.y;
  doc.font("serifBold", 12).text("NGƯỜI CHỊU TRÁCH NHIỆM", left + half, sigTop, { width: half, align: "center" });
  doc.font("serifItalic", 11).text("(Ký, ghi rõ họ tên)", { width: half, align: "center" });
  doc.font("serifBold", 12).text("Nơi nhận:", left, sigTop, { width: half - 10 });
  doc.font("serif", 10).text(`- ${letter.subject === "finding" ? "Ban Giám sát" : "Người phản ánh"};\n- Niêm yết tại nhà văn hóa;\n- Lưu.`, { width: half - 10 });
  doc.end();
}
