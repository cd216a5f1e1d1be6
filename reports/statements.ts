// Statement definitions (DESIGN §8): titles in Vietnamese and English, the heading each uses, the
// columns of each table (width in points at the table's font size, the kind of value, the Excel
// width), the signature blocks, and the fixed texts of the national and accounting-form headings.
// Layout only: nothing here reads the database (STYLE §2).

import { COST_CATEGORY_NAMES as GLOSSARY_COST_NAMES } from "../src/shared/glossary";

export type StatementKind =
  | "contribution-list" | "receipts-payments" | "work-settlement" | "inspection-minutes" | "receipt" | "trial-balance" | "journal"
  | "cash-book" | "bank-book" | "payment-voucher" | "bank-receipt" | "board-report" | "decision";
export const STATEMENT_KINDS: StatementKind[] = [
  "contribution-list", "receipts-payments", "work-settlement", "inspection-minutes", "receipt", "trial-balance", "journal",
  "cash-book", "bank-book", "payment-voucher", "bank-receipt", "board-report", "decision",
];

export type CellKind = "text" | "code" | "money" | "int" | "date";

export interface ColumnDef {
  key: string;
  title: string;
  /** Width in points in the PDF (before the table is stretched to the page). */
  width: number;
  kind: CellKind;
  /** Width in characters in Excel. */
  excelWidth: number;
  /** A money column summed in the totals row. */
  total?: boolean;
}

export interface TableDef {
  /** The sheet's name in Excel (≤ 31 characters, no []:*?/\). */
  sheet: string;
  /** A heading printed above the table (the main table has none). */
  title?: string;
  /** What a further table says when it has no rows. */
  empty?: string;
  columns: ColumnDef[];
}

export interface SignatureDef {
  title: string;
  hint: string;
  /** The name printed under the block when the statement knows who signs ("" leaves it blank). */
  name?: string;
}

export interface StatementDef {
  kind: StatementKind;
  title: { vi: string; en: string };
  /**
   * Administrative documents (posted for residents) carry the national heading, a document number
   * and "Nơi nhận"; accounting forms and books carry the unit and their form code instead
   * (documents.md §1–2): the layouts decide by this alone, so a new kind only names its heading.
   */
  heading: "national" | "accounting";
  /** The accounting form's code and legal basis, printed top right (required for heading "accounting"). */
  form?: FormCode;
  /** Type abbreviation for the number line (documents.md §1): BC report, PT receipt. */
  symbol: string;
  table: TableDef;
  signatures: SignatureDef[];
  /** What the amount in words says; "" for a statement without an amount (inspection minutes). */
  wordsLabel: string;
}

const SIGN = "(Ký, ghi rõ họ tên)";

/** documents.md §1: Quốc hiệu and Tiêu ngữ, exactly. */
export const NATIONAL_HEADING = {
  name: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
  motto: "Độc lập - Tự do - Hạnh phúc",
};

export interface FormCode {
  code: string;
  basis: string[];
}

const TT70 = ["(Ban hành kèm theo Thông tư số", "70/2019/TT-BTC ngày 03/10/2019", "của Bộ Tài chính)"];

/**
 * documents.md §2, accounting.md §3–4: the codes of the commune regime's forms (Circular 70/2019)
 * the statements use. The codes are general knowledge there, to verify with a commune accountant.
 */
export const ACCOUNTING_FORMS = {
  receipt: { code: "Mẫu số C40-BB", basis: TT70 },
  payment: { code: "Mẫu số C41-BB", basis: TT70 },
  journal: { code: "Mẫu số S01-X", basis: TT70 },
  cashBook: { code: "Mẫu số S04-X", basis: TT70 },
  bankBook: { code: "Mẫu số S05-X", basis: TT70 },
  trialBalance: { code: "Mẫu số B01-X", basis: TT70 },
} satisfies Record<string, FormCode>;


export const TEXTS = {
  unitLine: "Đơn vị tính: đồng",
  total: "Tổng cộng",
  inWords: "Bằng chữ",
  page: (n: number, of: number) => `Trang ${n}/${of}`,
  verifyTitle: "Xác minh bản công khai",
  verifyCode: "Mã xác minh",
  verifyAt: "Kiểm tra tại",
  notPublished: "Bản trích xuất nội bộ — chưa công bố",
  dataHash: "Mã băm dữ liệu (SHA-256)",
  chainHead: "Đầu chuỗi sổ cái (số thứ tự:mã băm)",
  generatedAt: "Lập lúc",
  approvedBy: "Duyệt công bố",
  draftedBy: "Người lập",
  opinions: "Ý kiến của Ban Giám sát / Ban Thanh tra nhân dân",
  stance: { sign_off: "Xác nhận", objection: "Phản đối" } as Record<string, string>,
  changes: "Thay đổi so với lần công khai trước",
  changesIntro: (code: string, seq: number) => `Các bút toán ghi thêm và bút toán đảo kể từ bản công khai mã ${code} (đầu chuỗi ${seq}):`,
  noChanges: "Không có bút toán nào ghi thêm hay bị đảo.",
  signHint: "Bản in để niêm yết: chữ ký tay và dấu (nếu có) ở trên.",
  // documents.md §4: the running sums of a table's money columns across a page break
  carriedOut: "Cộng chuyển sang trang sau",
  carriedIn: "Cộng trang trước chuyển sang",
  /** documents.md §1: the number line of an administrative document; the number is written in when it is registered. */
  numberLine: (symbol: string, body: string) => `Số: ……/${symbol}-${body}`,
  recipients: "Nơi nhận:",
  filed: "- Lưu: VT.",
};

/** A voucher's accounts: each posting's account with its debit or credit (phiếu thu, phiếu chi, giấy báo có). */
const VOUCHER_TABLE = (sheet: string): TableDef => ({
  sheet,
  columns: [
    { key: "account", title: "Tài khoản", width: 60, kind: "code", excelWidth: 10 },
    { key: "name", title: "Tên tài khoản", width: 250, kind: "text", excelWidth: 44 },
    { key: "debit", title: "Nợ", width: 90, kind: "money", excelWidth: 16, total: true },
    { key: "credit", title: "Có", width: 90, kind: "money", excelWidth: 16, total: true },
  ],
});

/** documents.md §1: the line a voucher's payer or payee signs against, with the amount in words. */
export const RECEIVED_IN_FULL = "Đã nhận đủ số tiền (viết bằng chữ)";

/**
 * accounting.md §4: a cash or bank book, one line per movement in date then voucher order: the
 * receipt's or the payment's voucher number, the counter-accounts, money in, money out and the
 * balance after it; the balance carried in is the first line.
 */
const MONEY_BOOK_TABLE = (sheet: string, t: { voucherIn: string; voucherOut: string; in: string; out: string; balance: string }): TableDef => ({
  sheet,
  columns: [
    { key: "date", title: "Ngày", width: 55, kind: "date", excelWidth: 12 },
    { key: "voucherIn", title: t.voucherIn, width: 88, kind: "code", excelWidth: 16 },
    { key: "voucherOut", title: t.voucherOut, width: 88, kind: "code", excelWidth: 16 },
    { key: "description", title: "Diễn giải", width: 150, kind: "text", excelWidth: 44 },
    { key: "counterAccounts", title: "TK đối ứng", width: 50, kind: "code", excelWidth: 10 },
    { key: "receipts", title: t.in, width: 80, kind: "money", excelWidth: 16, total: true },
    { key: "payments", title: t.out, width: 80, kind: "money", excelWidth: 16, total: true },
    { key: "balance", title: t.balance, width: 85, kind: "money", excelWidth: 16 },
  ],
});

export const STATEMENTS: Record<StatementKind, StatementDef> = {
  "contribution-list": {
    kind: "contribution-list",
    title: { vi: "DANH SÁCH ĐÓNG GÓP", en: "Contribution list" },
    heading: "national",
    symbol: "DS",
    table: {
      sheet: "Danh sách đóng góp",
      columns: [
        { key: "stt", title: "STT", width: 30, kind: "int", excelWidth: 6 },
        { key: "code", title: "Mã hộ", width: 62, kind: "code", excelWidth: 10 },
        { key: "name", title: "Họ và tên chủ hộ", width: 140, kind: "text", excelWidth: 28 },
        { key: "suggested", title: "Mức vận động", width: 72, kind: "money", excelWidth: 14, total: true },
        { key: "paid", title: "Đã đóng góp", width: 72, kind: "money", excelWidth: 14, total: true },
        { key: "outstanding", title: "Đã đăng ký, chưa đóng", width: 72, kind: "money", excelWidth: 14, total: true },
        { key: "exempt", title: "Miễn/giảm", width: 56, kind: "text", excelWidth: 10 },
        { key: "inKind", title: "Đóng góp hiện vật, ngày công", width: 104, kind: "text", excelWidth: 24 },
        { key: "receipts", title: "Số phiếu thu", width: 110, kind: "text", excelWidth: 22 },
      ],
    },
    signatures: [
      { title: "NGƯỜI LẬP BIỂU", hint: SIGN },
      { title: "BAN CÔNG TÁC MẶT TRẬN", hint: SIGN },
      { title: "TRƯỞNG THÔN", hint: "(Ký, ghi rõ họ tên, đóng dấu)" },
    ],
    wordsLabel: "Tổng số tiền đã đóng góp bằng chữ",
  },
  "receipts-payments": {
    kind: "receipts-payments",
    title: { vi: "BÁO CÁO CÔNG KHAI THU, CHI", en: "Receipts and payments" },
    heading: "national",
    symbol: "BC",
    table: {
      sheet: "Thu chi",
      columns: [
        { key: "stt", title: "STT", width: 30, kind: "int", excelWidth: 6 },
        { key: "content", title: "Nội dung", width: 250, kind: "text", excelWidth: 48 },
        { key: "account", title: "Tài khoản", width: 55, kind: "code", excelWidth: 10 },
        { key: "receipts", title: "Số tiền thu", width: 85, kind: "money", excelWidth: 16, total: true },
        { key: "payments", title: "Số tiền chi", width: 85, kind: "money", excelWidth: 16, total: true },
      ],
    },
    signatures: [
      { title: "NGƯỜI LẬP BIỂU", hint: SIGN },
      { title: "KẾ TOÁN / THỦ QUỸ", hint: SIGN },
      { title: "TRƯỞNG THÔN", hint: "(Ký, ghi rõ họ tên, đóng dấu)" },
      { title: "BAN GIÁM SÁT", hint: SIGN },
    ],
    wordsLabel: "Số dư cuối kỳ bằng chữ",
  },
  "work-settlement": {
    kind: "work-settlement",
    title: { vi: "BÁO CÁO QUYẾT TOÁN CÔNG TRÌNH", en: "Work settlement" },
    heading: "national",
    symbol: "BC",
    table: {
      sheet: "Chi phí",
      columns: [
        { key: "stt", title: "STT", width: 30, kind: "int", excelWidth: 6 },
        { key: "content", title: "Khoản mục chi phí", width: 160, kind: "text", excelWidth: 30 },
        { key: "account", title: "Tài khoản", width: 55, kind: "code", excelWidth: 10 },
        { key: "planned", title: "Dự toán", width: 85, kind: "money", excelWidth: 16, total: true },
        { key: "spent", title: "Thực chi", width: 85, kind: "money", excelWidth: 16, total: true },
        { key: "remaining", title: "Chênh lệch (dự toán - thực chi)", width: 85, kind: "money", excelWidth: 18, total: true },
      ],
    },
    signatures: [
      { title: "NGƯỜI LẬP BIỂU", hint: SIGN },
      { title: "KẾ TOÁN / THỦ QUỸ", hint: SIGN },
      { title: "BAN GIÁM SÁT ĐẦU TƯ CỦA CỘNG ĐỒNG", hint: SIGN },
      { title: "TRƯỞNG THÔN", hint: "(Ký, ghi rõ họ tên, đóng dấu)" },
    ],
    wordsLabel: "Tổng số tiền thực chi bằng chữ",
  },
  "inspection-minutes": {
    kind: "inspection-minutes",
    // documents.md §1: the type "BIÊN BẢN" in upper case, the subject below; DESIGN §8 names it "biên bản giám sát".
    title: { vi: "BIÊN BẢN GIÁM SÁT", en: "Inspection minutes" },
    heading: "national",
    symbol: "BB",
    table: {
      sheet: "Nội dung giám sát",
      columns: [
        { key: "stt", title: "STT", width: 30, kind: "int", excelWidth: 6 },
        { key: "item", title: "Nội dung giám sát", width: 150, kind: "text", excelWidth: 34 },
        { key: "result", title: "Kết quả", width: 75, kind: "text", excelWidth: 16 },
        { key: "note", title: "Ghi chú", width: 230, kind: "text", excelWidth: 60 },
      ],
    },
    // The blocks of the minutes depend on the subject and who was present: the builder sets them per
    // inspection with minutesSignatures(); these are those of a work with a builder, one member present.
    signatures: [
      { title: "ĐẠI DIỆN CHỦ ĐẦU TƯ", hint: SIGN, name: "" },
      { title: "ĐẠI DIỆN ĐƠN VỊ THI CÔNG", hint: SIGN, name: "" },
      { title: "NGƯỜI LẬP BIÊN BẢN", hint: SIGN, name: "" },
    ],
    wordsLabel: "",
  },
  // law.md L13: the board's periodic report (báo cáo kết quả giám sát) to the commune's Front:
  // its inspections of the period (the main table), the works it oversees, its findings by state
  // and its recommendations (further tables).
  "board-report": {
    kind: "board-report",
    title: { vi: "BÁO CÁO KẾT QUẢ GIÁM SÁT", en: "Board's supervision report" },
    heading: "national",
    symbol: "BC",
    table: {
      sheet: "Các cuộc giám sát",
      columns: [
        { key: "stt", title: "STT", width: 30, kind: "int", excelWidth: 6 },
        { key: "date", title: "Ngày giám sát", width: 65, kind: "date", excelWidth: 12 },
        { key: "subject", title: "Đối tượng giám sát", width: 190, kind: "text", excelWidth: 44 },
        { key: "status", title: "Biên bản", width: 80, kind: "text", excelWidth: 16 },
        { key: "findings", title: "Số phát hiện", width: 60, kind: "int", excelWidth: 10 },
      ],
    },
    signatures: [
      { title: "NGƯỜI LẬP BÁO CÁO", hint: SIGN, name: "" },
      { title: "TRƯỞNG BAN", hint: SIGN, name: "" },
    ],
    wordsLabel: "",
  },
  // law.md L3, L7–L8: a residents' decision's result, once the commune recognised it: the counts
  // against the register's total and the threshold, never a household's own choice.
  decision: {
    kind: "decision",
    title: { vi: "THÔNG BÁO KẾT QUẢ QUYẾT ĐỊNH CỦA CỘNG ĐỒNG", en: "Result of a residents' decision" },
    heading: "national",
    symbol: "TB",
    table: {
      sheet: "Kết quả biểu quyết",
      columns: [
        { key: "stt", title: "STT", width: 30, kind: "int", excelWidth: 6 },
        { key: "item", title: "Nội dung", width: 250, kind: "text", excelWidth: 44 },
        { key: "households", title: "Số hộ", width: 70, kind: "int", excelWidth: 10 },
        { key: "note", title: "Ghi chú", width: 150, kind: "text", excelWidth: 30 },
      ],
    },
    signatures: [
      { title: "NGƯỜI LẬP", hint: SIGN },
      { title: "TRƯỞNG THÔN", hint: "(Ký, ghi rõ họ tên, đóng dấu)" },
    ],
    wordsLabel: "",
  },
  receipt: {
    kind: "receipt",
    title: { vi: "PHIẾU THU", en: "Receipt" },
    heading: "accounting",
    form: ACCOUNTING_FORMS.receipt,
    symbol: "PT",
    table: {
      sheet: "Phiếu thu",
      columns: [
        { key: "account", title: "Tài khoản", width: 60, kind: "code", excelWidth: 10 },
        { key: "name", title: "Tên tài khoản", width: 250, kind: "text", excelWidth: 44 },
        { key: "debit", title: "Nợ", width: 90, kind: "money", excelWidth: 16, total: true },
        { key: "credit", title: "Có", width: 90, kind: "money", excelWidth: 16, total: true },
      ],
    },
    signatures: [
      { title: "THỦ TRƯỞNG ĐƠN VỊ", hint: "(Ký, họ tên, đóng dấu)" },
      { title: "KẾ TOÁN", hint: "(Ký, họ tên)" },
      { title: "NGƯỜI NỘP TIỀN", hint: "(Ký, họ tên)" },
      { title: "NGƯỜI LẬP PHIẾU", hint: "(Ký, họ tên)" },
      { title: "THỦ QUỸ", hint: "(Ký, họ tên)" },
    ],
    wordsLabel: RECEIVED_IN_FULL,
  },
  "trial-balance": {
    kind: "trial-balance",
    title: { vi: "BẢNG CÂN ĐỐI TÀI KHOẢN", en: "Trial balance" },
    heading: "accounting",
    form: ACCOUNTING_FORMS.trialBalance,
    symbol: "BC",
    table: {
      sheet: "Cân đối tài khoản",
      columns: [
        { key: "account", title: "Số hiệu TK", width: 45, kind: "code", excelWidth: 10 },
        { key: "name", title: "Tên tài khoản", width: 170, kind: "text", excelWidth: 36 },
        { key: "openingDebit", title: "Dư Nợ đầu kỳ", width: 75, kind: "money", excelWidth: 15, total: true },
        { key: "openingCredit", title: "Dư Có đầu kỳ", width: 75, kind: "money", excelWidth: 15, total: true },
        { key: "debit", title: "Phát sinh Nợ", width: 75, kind: "money", excelWidth: 15, total: true },
        { key: "credit", title: "Phát sinh Có", width: 75, kind: "money", excelWidth: 15, total: true },
        { key: "closingDebit", title: "Dư Nợ cuối kỳ", width: 75, kind: "money", excelWidth: 15, total: true },
        { key: "closingCredit", title: "Dư Có cuối kỳ", width: 75, kind: "money", excelWidth: 15, total: true },
      ],
    },
    signatures: [
      { title: "NGƯỜI LẬP BIỂU", hint: SIGN },
      { title: "KẾ TOÁN", hint: SIGN },
      { title: "TRƯỞNG THÔN", hint: "(Ký, ghi rõ họ tên, đóng dấu)" },
    ],
    wordsLabel: "Tổng số phát sinh Nợ bằng chữ",
  },
  journal: {
    kind: "journal",
    title: { vi: "SỔ NHẬT KÝ", en: "Journal" },
    heading: "accounting",
    form: ACCOUNTING_FORMS.journal,
    symbol: "SNK",
    table: {
      sheet: "Sổ nhật ký",
      columns: [
        { key: "seq", title: "STT", width: 40, kind: "int", excelWidth: 8 },
        { key: "date", title: "Ngày", width: 55, kind: "date", excelWidth: 12 },
        { key: "voucher", title: "Số chứng từ", width: 85, kind: "code", excelWidth: 16 },
        { key: "description", title: "Diễn giải", width: 230, kind: "text", excelWidth: 50 },
        { key: "debitAccounts", title: "TK Nợ", width: 55, kind: "code", excelWidth: 10 },
        { key: "creditAccounts", title: "TK Có", width: 55, kind: "code", excelWidth: 10 },
        { key: "amount", title: "Số tiền", width: 85, kind: "money", excelWidth: 16, total: true },
      ],
    },
    signatures: [
      { title: "NGƯỜI GHI SỔ", hint: SIGN },
      { title: "KẾ TOÁN", hint: SIGN },
      { title: "TRƯỞNG THÔN", hint: "(Ký, ghi rõ họ tên, đóng dấu)" },
    ],
    wordsLabel: "Tổng số tiền bằng chữ",
  },
  "cash-book": {
    kind: "cash-book",
    title: { vi: "SỔ QUỸ TIỀN MẶT", en: "Cash book" },
    heading: "accounting",
    form: ACCOUNTING_FORMS.cashBook,
    symbol: "SQ",
    table: MONEY_BOOK_TABLE("Sổ quỹ tiền mặt", { voucherIn: "Số phiếu thu", voucherOut: "Số phiếu chi", in: "Thu", out: "Chi", balance: "Tồn quỹ" }),
    signatures: [
      { title: "THỦ QUỸ", hint: SIGN },
      { title: "KẾ TOÁN", hint: SIGN },
      { title: "TRƯỞNG THÔN", hint: "(Ký, ghi rõ họ tên, đóng dấu)" },
    ],
    wordsLabel: "Tồn quỹ cuối kỳ bằng chữ",
  },
  "bank-book": {
    kind: "bank-book",
    title: { vi: "SỔ TIỀN GỬI NGÂN HÀNG, KHO BẠC", en: "Bank book" },
    heading: "accounting",
    form: ACCOUNTING_FORMS.bankBook,
    symbol: "STG",
    table: MONEY_BOOK_TABLE("Sổ tiền gửi", { voucherIn: "Số chứng từ gửi vào", voucherOut: "Số chứng từ rút ra", in: "Gửi vào", out: "Rút ra", balance: "Còn lại" }),
    signatures: [
      { title: "NGƯỜI GHI SỔ", hint: SIGN },
      { title: "KẾ TOÁN", hint: SIGN },
      { title: "TRƯỞNG THÔN", hint: "(Ký, ghi rõ họ tên, đóng dấu)" },
    ],
    wordsLabel: "Số dư cuối kỳ bằng chữ",
  },
  "payment-voucher": {
    kind: "payment-voucher",
    title: { vi: "PHIẾU CHI", en: "Payment voucher" },
    heading: "accounting",
    form: ACCOUNTING_FORMS.payment,
    symbol: "PC",
    table: VOUCHER_TABLE("Phiếu chi"),
    // documents.md §1: the payment voucher's blocks, in the form's order
    signatures: [
      { title: "THỦ TRƯỞNG ĐƠN VỊ", hint: "(Ký, họ tên, đóng dấu)" },
      { title: "KẾ TOÁN", hint: "(Ký, họ tên)" },
      { title: "THỦ QUỸ", hint: "(Ký, họ tên)" },
      { title: "NGƯỜI LẬP PHIẾU", hint: "(Ký, họ tên)" },
      { title: "NGƯỜI NHẬN TIỀN", hint: "(Ký, họ tên)" },
    ],
    wordsLabel: RECEIVED_IN_FULL,
  },
  "bank-receipt": {
    kind: "bank-receipt",
    // money that reached the bank has no cash voucher (C40-BB is for cash): the unit's slip of the
    // bank's credit advice, which is the bank's paper and has no form code of the regime
    title: { vi: "GIẤY BÁO CÓ", en: "Bank credit advice" },
    heading: "accounting",
    symbol: "BC",
    table: VOUCHER_TABLE("Giấy báo có"),
    signatures: [
      { title: "THỦ TRƯỞNG ĐƠN VỊ", hint: "(Ký, họ tên, đóng dấu)" },
      { title: "KẾ TOÁN", hint: "(Ký, họ tên)" },
      { title: "NGƯỜI LẬP", hint: "(Ký, họ tên)" },
    ],
    wordsLabel: "Số tiền viết bằng chữ",
  },
};

/** The table of entries added and reversed since the superseded publication (DESIGN §8). */
export const CHANGES_TABLE: TableDef = {
  sheet: "Thay đổi",
  title: TEXTS.changes,
  empty: TEXTS.noChanges,
  columns: [
    { key: "seq", title: "STT", width: 40, kind: "int", excelWidth: 8 },
    { key: "date", title: "Ngày", width: 55, kind: "date", excelWidth: 12 },
    { key: "voucher", title: "Số chứng từ", width: 85, kind: "code", excelWidth: 16 },
    { key: "change", title: "Thay đổi", width: 70, kind: "text", excelWidth: 14 },
    { key: "description", title: "Diễn giải", width: 200, kind: "text", excelWidth: 50 },
    { key: "amount", title: "Số tiền", width: 85, kind: "money", excelWidth: 16 },
  ],
};

/**
 * Receipts and payments: what the closing balance does not show, as memo lines under it — pledges
 * registered and not yet paid, per campaign, and what is owed to suppliers, per work.
 */
export const RECEIPTS_PAYMENTS_MEMO_TABLE: TableDef = {
  sheet: "Ghi nhớ",
  title: "Ghi nhớ (ngoài số dư cuối kỳ)",
  empty: "Không có khoản đã đăng ký chưa đóng hay phải trả người bán.",
  columns: [
    { key: "stt", title: "STT", width: 30, kind: "int", excelWidth: 6 },
    { key: "content", title: "Nội dung", width: 335, kind: "text", excelWidth: 58 },
    { key: "account", title: "Tài khoản", width: 55, kind: "code", excelWidth: 10 },
    { key: "amount", title: "Số tiền", width: 85, kind: "money", excelWidth: 16 },
  ],
};

/** Work settlement: funding by source (planned, received) and the supervision's findings. */
export const WORK_SOURCES_TABLE: TableDef = {
  sheet: "Nguồn vốn",
  title: "Nguồn vốn: kế hoạch và đã huy động",
  empty: "Công trình chưa có kế hoạch nguồn vốn.",
  columns: [
    { key: "stt", title: "STT", width: 30, kind: "int", excelWidth: 6 },
    { key: "source", title: "Nguồn vốn", width: 225, kind: "text", excelWidth: 30 },
    { key: "planned", title: "Kế hoạch", width: 100, kind: "money", excelWidth: 16, total: true },
    { key: "received", title: "Đã huy động", width: 100, kind: "money", excelWidth: 16, total: true },
  ],
};
export const WORK_FINDINGS_TABLE: TableDef = {
  sheet: "Kết quả giám sát",
  title: "Kết quả giám sát: các phát hiện và tình trạng xử lý",
  empty: "Ban Giám sát chưa ghi nhận phát hiện nào về công trình này.",
  columns: [
    { key: "stt", title: "STT", width: 30, kind: "int", excelWidth: 6 },
    { key: "severity", title: "Mức độ", width: 60, kind: "text", excelWidth: 12 },
    { key: "description", title: "Nội dung phát hiện", width: 170, kind: "text", excelWidth: 40 },
    { key: "recommendation", title: "Kiến nghị", width: 120, kind: "text", excelWidth: 30 },
    { key: "dueDate", title: "Hạn xử lý", width: 55, kind: "date", excelWidth: 12 },
    { key: "status", title: "Tình trạng", width: 70, kind: "text", excelWidth: 16 },
  ],
};
/** Inspection minutes: the findings (with their status on the day the minutes are printed) and the addenda. */
export const MINUTES_FINDINGS_TABLE: TableDef = {
  sheet: "Phát hiện, kiến nghị",
  title: "Các phát hiện và kiến nghị của Ban",
  empty: "Ban không ghi nhận phát hiện nào trong đợt giám sát này.",
  columns: [
    { key: "stt", title: "STT", width: 24, kind: "int", excelWidth: 6 },
    { key: "category", title: "Lĩnh vực", width: 55, kind: "text", excelWidth: 16 },
    { key: "severity", title: "Mức độ", width: 52, kind: "text", excelWidth: 14 },
    { key: "description", title: "Nội dung phát hiện", width: 115, kind: "text", excelWidth: 44 },
    { key: "recommendation", title: "Kiến nghị", width: 95, kind: "text", excelWidth: 36 },
    { key: "addressedTo", title: "Gửi đến", width: 60, kind: "text", excelWidth: 20 },
    { key: "dueDate", title: "Hạn xử lý", width: 60, kind: "date", excelWidth: 12 },
    { key: "status", title: "Tình trạng", width: 62, kind: "text", excelWidth: 22 },
  ],
};
export const BOARD_REPORT_WORKS_TABLE: TableDef = {
  sheet: "Công trình giám sát",
  title: "Các công trình Ban giám sát",
  empty: "Ban chưa được giao giám sát công trình nào.",
  columns: [
    { key: "stt", title: "STT", width: 24, kind: "int", excelWidth: 6 },
    { key: "work", title: "Công trình", width: 170, kind: "text", excelWidth: 40 },
    { key: "unit", title: "Đơn vị", width: 95, kind: "text", excelWidth: 24 },
    { key: "status", title: "Tình trạng", width: 80, kind: "text", excelWidth: 16 },
    { key: "inspections", title: "Số lần giám sát trong kỳ", width: 70, kind: "int", excelWidth: 12 },
  ],
};
export const BOARD_REPORT_FINDINGS_TABLE: TableDef = {
  sheet: "Kiến nghị",
  title: "Các phát hiện và kiến nghị trong kỳ",
  empty: "Ban không ghi nhận phát hiện nào trong kỳ.",
  columns: MINUTES_FINDINGS_TABLE.columns,
};
export const MINUTES_ADDENDA_TABLE: TableDef = {
  sheet: "Phụ lục",
  title: "Phụ lục, bổ sung biên bản",
  empty: "Không có phụ lục bổ sung.",
  columns: [
    { key: "stt", title: "STT", width: 30, kind: "int", excelWidth: 6 },
    { key: "date", title: "Ngày", width: 55, kind: "date", excelWidth: 12 },
    { key: "by", title: "Người bổ sung", width: 100, kind: "text", excelWidth: 24 },
    { key: "text", title: "Nội dung bổ sung", width: 260, kind: "text", excelWidth: 70 },
    { key: "attachments", title: "Số tệp kèm", width: 50, kind: "int", excelWidth: 12 },
  ],
};
export const ESCALATED_TO_NAMES: Record<string, string> = { commune: "cấp xã", province: "cấp tỉnh" };

/**
 * The signature blocks of inspection minutes (documents.md §1: minutes are signed by every party):
 * the work's owner (chủ đầu tư) and its builder (a contractor or the hamlet's own crew), or for the
 * unit's funds the unit and its accountant; then every member of the board present by name, the one
 * who wrote the minutes named as such, and the writer too if not among those present. The owner's and
 * the builder's representatives write their names by hand.
 */
export function minutesSignatures(o: { unitName: string; work: { contractor: string | null } | null; present: { name: string; recorder: boolean }[]; recordedBy: string | null }): SignatureDef[] {
  const parties: SignatureDef[] = o.work
    ? [
        // who the owner is, the minutes say above (Chủ đầu tư)
        { title: "ĐẠI DIỆN CHỦ ĐẦU TƯ", hint: SIGN, name: "" },
        { title: o.work.contractor ? "ĐẠI DIỆN ĐƠN VỊ THI CÔNG" : "ĐẠI DIỆN TỔ THI CÔNG", hint: SIGN, name: "" },
      ]
    : [
        { title: `ĐẠI DIỆN ${o.unitName.toLocaleUpperCase("vi")}`, hint: SIGN, name: "" },
        { title: "KẾ TOÁN / THỦ QUỸ", hint: SIGN, name: "" },
      ];
  const members = o.present.map((m) => ({ title: m.recorder ? "NGƯỜI LẬP BIÊN BẢN" : "THÀNH VIÊN BAN", hint: SIGN, name: m.name }));
  const writer = o.recordedBy && !o.present.some((m) => m.recorder) ? [{ title: "NGƯỜI LẬP BIÊN BẢN", hint: SIGN, name: o.recordedBy }] : [];
  return [...parties, ...members, ...writer];
}
/** A work's cost categories, by the glossary's one name each. */
export const COST_CATEGORY_NAMES: Record<string, string> = GLOSSARY_COST_NAMES;
export const SOURCE_NAMES: Record<string, string> = {
  state: "Ngân sách nhà nước hỗ trợ",
  commune: "Ngân sách xã",
  community: "Nhân dân đóng góp",
  sponsor: "Tài trợ, mạnh thường quân",
  in_kind: "Hiện vật, ngày công (quy đổi)",
};
export const SEVERITY_NAMES: Record<string, string> = { observation: "Lưu ý", minor: "Nhẹ", major: "Nghiêm trọng", critical: "Rất nghiêm trọng" };
export const FINDING_STATUS_NAMES: Record<string, string> = { open: "Chưa xử lý", answered: "Đã trả lời", resolved: "Đã khắc phục", escalated: "Đã chuyển cấp trên" };
export const WORK_STATUS_NAMES: Record<string, string> = {
  proposed: "Đề xuất", consulting: "Lấy ý kiến", approved: "Đã phê duyệt", in_progress: "Đang thi công", completed: "Hoàn thành",
  accepted: "Đã nghiệm thu", settled: "Đã quyết toán", cancelled: "Đã hủy",
};

/** A residents' decision: what it is about and how the households were asked (law.md L6–L7). */
export const DECISION_SUBJECT_NAMES: Record<string, string> = {
  contribution_policy: "Chủ trương, mức đóng góp", contribution_management: "Thu, chi, quản lý khoản đóng góp", customary_rule: "Hương ước, quy ước",
  work_investment: "Đầu tư công trình", other: "Việc khác",
};
export const DECISION_METHOD_NAMES: Record<string, string> = {
  meeting_show_of_hands: "Họp, biểu quyết giơ tay", meeting_secret_ballot: "Họp, bỏ phiếu kín", household_ballot: "Phát phiếu lấy ý kiến đến hộ",
  online: "Biểu quyết trực tuyến", combined: "Kết hợp các hình thức",
};

/** The places a statement is published (law.md L2). */
export const PLACES = ["culture_house", "commune_office", "loudspeaker", "website", "meeting", "other"] as const;
/** Where a posting's paper can go up (a draft names any of PLACES; the air and the website hold no paper). */
export const POSTING_PLACES = ["culture_house", "commune_office", "meeting", "other"] as const satisfies readonly (typeof PLACES)[number][];
export const PLACE_NAMES: Record<string, string> = {
  culture_house: "Nhà văn hóa thôn",
  commune_office: "Trụ sở UBND xã",
  loudspeaker: "Loa truyền thanh",
  website: "Trang thông tin điện tử",
  meeting: "Họp thôn",
  other: "Nơi khác",
};
