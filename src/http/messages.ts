// One catalog of problem texts per language, keyed by the stable `code` (README lists them).
// `{name}` placeholders are filled from the error's params.

export type Lang = "vi" | "en";

type Entry = { vi: [string, string]; en: [string, string] }; // [title, detail]

export const PROBLEMS: Record<string, Entry> = {
  validation_failed: {
    vi: ["Dữ liệu không hợp lệ", "Một số trường không hợp lệ; xem danh sách lỗi."],
    en: ["Invalid input", "Some fields are invalid; see the list of errors."],
  },
  malformed_json: {
    vi: ["JSON không đọc được", "Nội dung gửi lên không phải JSON hợp lệ."],
    en: ["Malformed JSON", "The request body is not valid JSON."],
  },
  bad_request: {
    vi: ["Yêu cầu không đọc được", "Không đọc được yêu cầu: nội dung nén sai hoặc địa chỉ mã hóa sai."],
    en: ["Unreadable request", "The request could not be read: a bad compressed body or a badly encoded address."],
  },
  unsupported_media_type: {
    vi: ["Kiểu nội dung không được hỗ trợ", "Hãy gửi application/json."],
    en: ["Unsupported media type", "Send application/json."],
  },
  payload_too_large: {
    vi: ["Dữ liệu quá lớn", "Nội dung gửi lên vượt quá giới hạn {limit}."],
    en: ["Payload too large", "The request body exceeds the limit of {limit}."],
  },
  unauthenticated: {
    vi: ["Chưa đăng nhập", "Hãy đăng nhập (gửi Authorization: Bearer <token>)."],
    en: ["Not signed in", "Sign in first (send Authorization: Bearer <token>)."],
  },
  invalid_credentials: {
    vi: ["Sai tên đăng nhập hoặc mật khẩu", "Tên đăng nhập hoặc mật khẩu không đúng."],
    en: ["Wrong username or password", "The username or password is not correct."],
  },
  account_locked: {
    vi: ["Tài khoản đã bị tạm khóa", "Tài khoản bị tạm khóa vì nhập sai mật khẩu quá nhiều lần. Hãy nhờ quản trị viên của xã mở khóa."],
    en: ["Account suspended", "This account was suspended after too many wrong passwords. Ask the commune's administrator to unlock it."],
  },
  too_many_requests: {
    vi: ["Quá nhiều lần thử", "Thử lại sau {retryAfter} giây."],
    en: ["Too many attempts", "Try again in {retryAfter} seconds."],
  },
  forbidden: {
    vi: ["Không có quyền", "Bạn không có quyền thực hiện thao tác này."],
    en: ["Forbidden", "You are not allowed to do this."],
  },
  not_found: {
    vi: ["Không tìm thấy", "Không tìm thấy {@entity}."],
    en: ["Not found", "No such {@entity}."],
  },
  route_not_found: {
    vi: ["Không có địa chỉ này", "Không có địa chỉ {method} {path}."],
    en: ["No such route", "There is no route {method} {path}."],
  },
  conflict: {
    vi: ["Xung đột dữ liệu", "Dữ liệu đã tồn tại hoặc đã bị thay đổi."],
    en: ["Conflict", "The data already exists or has changed."],
  },
  duplicate: {
    vi: ["Đã tồn tại", "Đã có {@entity} với {@field} này."],
    en: ["Already exists", "A {@entity} with this {@field} already exists."],
  },
  invalid_parent: {
    vi: ["Đơn vị cấp trên không phù hợp", "Đơn vị loại {kind} phải thuộc một đơn vị loại {parentKind}."],
    en: ["Wrong parent unit", "A {kind} must belong to a {parentKind}."],
  },
  wrong_password: {
    vi: ["Mật khẩu cũ không đúng", "Mật khẩu hiện tại không đúng."],
    en: ["Wrong password", "The current password is not correct."],
  },
  append_only: {
    vi: ["Không được sửa hay xóa", "Dữ liệu đã ghi sổ không được sửa hay xóa."],
    en: ["Append-only", "Recorded data is never updated or deleted."],
  },
  user_inactive: {
    vi: ["Người dùng đã bị vô hiệu hóa", "Tài khoản này đã bị vô hiệu hóa."],
    en: ["User deactivated", "This account has been deactivated."],
  },
  cannot_deactivate_self: {
    vi: ["Không tự vô hiệu hóa", "Bạn không thể vô hiệu hóa chính tài khoản của mình."],
    en: ["Cannot deactivate yourself", "You cannot deactivate your own account."],
  },
  board_needs_commune: {
    vi: ["Ban giám sát thuộc xã", "Ban giám sát được lập ở cấp xã."],
    en: ["Boards belong to communes", "A supervision board is set up by a commune."],
  },
  negative_threshold: {
    vi: ["Ngưỡng không được âm", "Ngưỡng {field} phải là số đồng không âm (đã gửi {value})."],
    en: ["Negative threshold", "The threshold {field} must be whole đồng, not negative (sent {value})."],
  },
  thresholds_out_of_order: {
    vi: ["Ngưỡng chênh lệch không hợp lệ", "Ngưỡng chênh lệch nhẹ ({minor} đồng) không được lớn hơn ngưỡng nghiêm trọng ({critical} đồng)."],
    en: ["Thresholds out of order", "The minor difference threshold ({minor} đồng) cannot exceed the major one ({critical} đồng)."],
  },
  file_too_large: {
    vi: ["Tệp quá lớn", "Tệp tải lên vượt quá giới hạn {limit}."],
    en: ["File too large", "The uploaded file exceeds the limit of {limit}."],
  },
  internal: {
    vi: ["Lỗi hệ thống", "Đã có lỗi trong hệ thống; lỗi đã được ghi lại với mã yêu cầu."],
    en: ["Internal error", "Something went wrong on our side; it was logged with the request id."],
  },
};

const FIELD: Record<string, { vi: string; en: string }> = {
  required: { vi: "Thiếu trường bắt buộc", en: "Required field is missing" },
  additionalProperties: { vi: "Trường không được phép", en: "Field is not allowed" },
  type: { vi: "Sai kiểu dữ liệu (cần {type})", en: "Wrong type (expected {type})" },
  maxLength: { vi: "Dài quá {limit} ký tự", en: "Longer than {limit} characters" },
  minLength: { vi: "Ngắn hơn {limit} ký tự", en: "Shorter than {limit} characters" },
  pattern: { vi: "Sai định dạng", en: "Wrong format" },
  enum: { vi: "Giá trị không được phép ({allowedValues})", en: "Not an allowed value ({allowedValues})" },
  const: { vi: "Giá trị không được phép", en: "Not an allowed value" },
  format: { vi: "Sai định dạng {format}", en: "Wrong {format} format" },
  minimum: { vi: "Nhỏ hơn {limit}", en: "Less than {limit}" },
  maximum: { vi: "Lớn hơn {limit}", en: "Greater than {limit}" },
  minItems: { vi: "Cần ít nhất {limit} mục", en: "Needs at least {limit} items" },
  maxItems: { vi: "Nhiều hơn {limit} mục", en: "More than {limit} items" },
  anyOf: { vi: "Không khớp dạng nào được phép", en: "Matches none of the allowed shapes" },
  oneOf: { vi: "Không khớp đúng một dạng được phép", en: "Does not match exactly one allowed shape" },
  invalid_amount: {
    vi: "Số tiền phải là chuỗi số nguyên đồng, tối đa 15 chữ số (ví dụ \"1250000\")",
    en: "Amount must be a string of whole đồng, at most 15 digits (e.g. \"1250000\")",
  },
  malformed_text: {
    vi: "Văn bản không hợp lệ: có ký tự điều khiển, ký tự NUL, mã UTF-16 lẻ, hoặc xuống dòng ở trường chỉ một dòng",
    en: "Malformed text: a control character, a NUL, a lone UTF-16 surrogate, or a line break in a one-line field",
  },
  invalid_date: { vi: "Ngày không có thật hoặc sai dạng YYYY-MM-DD", en: "Not a real date in YYYY-MM-DD form" },
  maxDepth: { vi: "Lồng nhau quá {limit} cấp", en: "Nested more than {limit} levels deep" },
  // What not_found and duplicate name ({@entity}, {@field}): the code stays in the answer.
  ...names("entity", {
    account: ["tài khoản", "account"], attachment: ["tệp đính kèm", "attachment"], board: ["ban giám sát", "board"],
    calendar_day: ["ngày nghỉ, ngày làm bù", "calendar day"], decision: ["quyết định của hộ dân", "decision"],
    reduction: ["khoản giảm mức đóng góp", "reduction"], year_closing: ["lần khóa sổ cuối năm", "year closing"],
    message: ["tin nhắn", "message"], subscription: ["đăng ký nhận tin", "subscription"],
    campaign: ["đợt vận động", "campaign"], cash_count: ["biên bản kiểm kê quỹ", "cash count"], closing: ["kỳ khóa sổ", "closing"],
    consultation: ["đợt lấy ý kiến", "consultation"], contribution: ["khoản đóng góp", "contribution"], entry: ["bút toán", "entry"],
    exemption: ["khoản miễn đóng góp", "exemption"], expense: ["phiếu chi", "payment voucher"], feedback: ["ý kiến phản ánh", "feedback"],
    file: ["tệp", "file"], finding: ["phát hiện", "finding"], grant: ["quyền", "role grant"], household: ["hộ", "household"],
    import: ["lần nhập bảng tính", "import"], inspection: ["đợt giám sát", "inspection"], opinion: ["ý kiến", "opinion"],
    posting: ["định khoản", "posting"], publication: ["bản công khai", "publication"], receipt: ["phiếu thu", "receipt"],
    session: ["phiên đăng nhập", "session"], unit: ["đơn vị", "unit"], user: ["người dùng", "user"], work: ["công trình", "work"],
  }),
  ...names("field", {
    code: ["mã", "code"], date: ["ngày", "date"], feedbackId: ["ý kiến phản ánh", "feedback"], householdId: ["hộ", "household"],
    photos: ["ảnh", "photos"], role: ["vai trò", "role"], username: ["tên đăng nhập", "username"],
  }),
};

function names(kind: string, list: Record<string, [string, string]>): Record<string, { vi: string; en: string }> {
  return Object.fromEntries(Object.entries(list).map(([k, [vi, en]]) => [`${kind}.${k}`, { vi, en }]));
}

/**
 * Fills `{name}` with the param as it is, and `{@name}` with the text of the param's code in the
 * answer's language (a stable code stays in the JSON; the sentence says it in words).
 */
export function fill(template: string, params: Record<string, unknown> = {}, lang?: Lang): string {
  return template.replace(/\{(@?)(\w+)\}/g, (m, translate: string, k: string) => {
    const v = params[k];
    if (v === undefined || v === null) return m;
    // A name of its own kind first ("entity.unit"), then the code itself (a field error's code).
    const said = translate && lang && typeof v === "string" ? (FIELD[`${k}.${v}`] ?? FIELD[v]) : undefined;
    if (said) return fill(said[lang!], params);
    return Array.isArray(v) ? v.join(", ") : String(v);
  });
}

export function problemText(code: string, lang: Lang, params: Record<string, unknown> = {}) {
  const entry = PROBLEMS[code] ?? PROBLEMS.internal;
  const [title, detail] = entry[lang];
  return { title: fill(title, params, lang), detail: fill(detail, params, lang) };
}

export function fieldMessage(code: string, lang: Lang, params: Record<string, unknown> = {}): string {
  const e = FIELD[code];
  return e ? fill(e[lang], params) : code;
}

/** Lets a module add its own codes (ledger, contributions, ...) to the one catalog. */
export function registerProblems(entries: Record<string, Entry>, fields: Record<string, { vi: string; en: string }> = {}) {
  Object.assign(PROBLEMS, entries);
  Object.assign(FIELD, fields);
}
