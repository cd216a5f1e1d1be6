import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { ACCOUNT_NAMES, COST_CATEGORY_NAMES, costPhrase } from "../../src/shared/glossary";
import { COST_CATEGORY_NAMES as STATEMENT_COST_NAMES } from "../../reports/statements";
import { COST_CATEGORIES } from "../../src/shared/work-life";
import { numberWordsVi, spokenVi } from "../../src/shared/spoken-vi";

// One vocabulary: one name per account and cost category, the phrases built from them never double
// a word, and what the loudspeaker reads has its figures as words.

describe("shared: one vocabulary", () => {
  it("when a category's payment is named, then the word is never doubled and every category has one name", () => {
    expect(COST_CATEGORIES.map(costPhrase)).to.deep.equal(["Chi vật liệu", "Chi nhân công", "Chi máy thi công", "Chi phí khác"]);
    for (const c of COST_CATEGORIES) expect(costPhrase(c)).to.not.match(/^chi chi/i);
    // the statements name categories with the glossary's names, not their own
    expect(STATEMENT_COST_NAMES).to.deep.equal(COST_CATEGORY_NAMES);
    expect(ACCOUNT_NAMES["331"]).to.equal("Phải trả người bán");
    // a household's unpaid pledge is never called a debt
    expect(Object.values(ACCOUNT_NAMES).join(" ")).to.not.match(/\bnợ\b/i);
  });

  it("when the sources are read, then no one else names a cost category its own way", () => {
    // the works screen, the works module and the statements all take the glossary's names
    const root = path.resolve(__dirname, "../..");
    for (const file of ["src/works/works.ts", "src/works/expenses.ts", "src/web/client/screens/_works-widgets.ts", "reports/statements.ts"]) {
      const text = fs.readFileSync(path.join(root, file), "utf8");
      expect(text, file).to.not.match(/"(chi khác|Chi khác|Máy móc|máy thi công)"/);
    }
  });

  it("when the loudspeaker text has figures, fractions or dates, then it reads them as words", () => {
    expect(numberWordsVi("105")).to.equal("một trăm linh năm");
    expect(spokenVi("Phát hiện chưa khắc phục / tổng số: 3 / 2")).to.equal("Phát hiện chưa khắc phục / tổng số: ba trên hai");
    expect(spokenVi("(Từ ngày 01/03/2025 đến ngày 30/06/2025)")).to.equal(
      "(Từ ngày mùng một tháng ba năm hai nghìn không trăm hai mươi lăm đến ngày ba mươi tháng sáu năm hai nghìn không trăm hai mươi lăm)",
    );
    expect(spokenVi("Mức 1.250.000 đồng, 45 m²")).to.equal("Mức một triệu hai trăm năm mươi nghìn đồng, bốn mươi lăm m²");
    expect(spokenVi("Bê tông hóa đường thôn 2025")).to.not.match(/[0-9]/);
  });
});
