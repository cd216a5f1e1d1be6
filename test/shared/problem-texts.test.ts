import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import "../../src/app"; // every module and its texts, as the server loads them
import { problemText } from "../../src/http/messages";

// Every refusal the service can answer has its own Vietnamese and English title and detail: a
// code without one fell back to "Lỗi hệ thống" (internal error) — a treasurer who picked the wrong
// file was told the system had failed. The codes are read from the sources, so a new one is checked too.

function thrownCodes(): Map<string, string> {
  const codes = new Map<string, string>();
  const patterns = [
    /new (?:RuleViolation|ConflictError|ForbiddenError|UnauthenticatedError)\(\s*"([a-z_]+)"/g,
    /new AppError\(\s*[^,()]+,\s*"([a-z_]+)"/g,
    /new SheetError\(\s*"([a-z_]+)"/g,
  ];
  const walk = (dir: string) => {
    for (const f of fs.readdirSync(dir)) {
      const p = path.join(dir, f);
      if (fs.statSync(p).isDirectory()) walk(p);
      else if (p.endsWith(".ts")) for (const re of patterns) for (const m of fs.readFileSync(p, "utf8").matchAll(re)) codes.set(m[1], p);
    }
  };
  walk(path.resolve(__dirname, "../../src"));
  return codes;
}

describe("http: problem texts", () => {
  it("when any refusal the sources throw is answered, then it has its own title and detail in Vietnamese and English", () => {
    const codes = thrownCodes();
    expect(codes.size, "the scan finds the codes").to.be.above(50);
    const internal = { vi: problemText("internal", "vi"), en: problemText("internal", "en") };
    const missing = [...codes].filter(([code]) => code !== "internal" && (["vi", "en"] as const).some((l) => problemText(code, l).title === internal[l].title));
    expect(missing.map(([c, f]) => `${c} (${path.relative(process.cwd(), f)})`)).to.deep.equal([]);
  });
});

describe("http: a refusal's reason in its own language", () => {
  it("when an upload or a sheet is refused for a reason, then the Vietnamese detail says the reason in Vietnamese and the code stays in the answer", async () => {
    const upload = { vi: problemText("malformed_upload", "vi", { reason: "ends_inside_file" }), en: problemText("malformed_upload", "en", { reason: "ends_inside_file" }) };
    expect(upload.vi.detail).to.contain("nội dung dừng giữa chừng khi đang gửi tệp");
    expect(upload.vi.detail).to.not.match(/the body|\{@?reason\}/);
    expect(upload.en.detail).to.contain("the body ends inside the file");
    const sheet = problemText("sheet_too_complex", "vi", { reason: "too_many_columns", limit: 1000 });
    expect(sheet.detail).to.contain("có dòng nhiều hơn 1000 cột");
  });
});

describe("http: what a refusal names, in words", () => {
  it("when any entity the sources name in a not_found or duplicate is said, then the Vietnamese detail names it in Vietnamese", () => {
    const entities = new Set<string>();
    const walk = (dir: string) => {
      for (const f of fs.readdirSync(dir)) {
        const p = path.join(dir, f);
        if (fs.statSync(p).isDirectory()) walk(p);
        else if (p.endsWith(".ts")) for (const m of fs.readFileSync(p, "utf8").matchAll(/NotFoundError\(\s*"([a-z_]+)"|entity: "([a-z_]+)"/g)) entities.add(m[1] ?? m[2]);
      }
    };
    walk(path.resolve(__dirname, "../../src"));
    expect(entities.size).to.be.above(15);
    const unsaid = [...entities].filter((e) => problemText("not_found", "vi", { entity: e }).detail === `Không tìm thấy ${e}.`);
    expect(unsaid).to.deep.equal([]);
    expect(problemText("not_found", "vi", { entity: "household" }).detail).to.equal("Không tìm thấy hộ.");
    expect(problemText("duplicate", "vi", { entity: "unit", field: "code" }).detail).to.equal("Đã có đơn vị với mã này.");
    expect(problemText("duplicate", "en", { entity: "unit", field: "code" }).detail).to.equal("A unit with this code already exists.");
  });
});
