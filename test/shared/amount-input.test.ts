import { expect } from "chai";
import { parseAmountInput, type AmountRefusal } from "../../src/shared/amount-input";

// What a treasurer types into an amount field: each accepted way of writing an amount gives the
// same whole đồng, and everything the parser would have to guess at is refused with its reason.

const read = (text: string) => {
  const r = parseAmountInput(text);
  return r.ok ? r.amount.toString() : `refused: ${r.reason}`;
};

describe("shared: amount input", () => {
  it("reads digits, and digits grouped in threes by dots, commas or spaces", () => {
    const cases: [string, string][] = [
      ["5000000", "5000000"], ["5.000.000", "5000000"], ["5,000,000", "5000000"], ["5 000 000", "5000000"],
      ["5.000", "5000"], ["5,000", "5000"], ["1.250.000", "1250000"], ["999.999.999.999.999", "999999999999999"],
      ["  5.000.000  ", "5000000"], ["5\u00a0000\u00a0000", "5000000"], ["0", "0"], ["007", "7"], ["5", "5"],
    ];
    for (const [text, dong] of cases) expect(read(text), JSON.stringify(text)).to.equal(dong);
  });

  it("reads the units people say: k, nghìn, ngàn, tr, triệu, tỷ, tỉ — with or without a space, diacritics or capitals", () => {
    const cases: [string, string][] = [
      ["5tr", "5000000"], ["5 tr", "5000000"], ["5 triệu", "5000000"], ["5triệu", "5000000"], ["5 trieu", "5000000"], ["5TR", "5000000"], ["5 Triệu", "5000000"],
      ["500k", "500000"], ["500 k", "500000"], ["500K", "500000"], ["500 nghìn", "500000"], ["500 nghin", "500000"], ["500 ngàn", "500000"], ["500 ngan", "500000"],
      ["1tỷ", "1000000000"], ["1 tỷ", "1000000000"], ["1 tỉ", "1000000000"], ["1 ty", "1000000000"],
      // decomposed diacritics, as some phone keyboards send them
      ["5 trie\u0302\u0323u", "5000000"],
    ];
    for (const [text, dong] of cases) expect(read(text), JSON.stringify(text)).to.equal(dong);
  });

  it("reads a fraction before a unit with a comma or a dot, and parts whose units go down", () => {
    const cases: [string, string][] = [
      ["5,5tr", "5500000"], ["5.5tr", "5500000"], ["5,5 triệu", "5500000"], ["1,25 tỷ", "1250000000"], ["1.5k", "1500"], ["2,75 tr", "2750000"], ["1,2345 tr", "1234500"],
      ["2tr500k", "2500000"], ["2 triệu 500 nghìn", "2500000"], ["1 tỷ 200 triệu", "1200000000"], ["1 tỷ 200 triệu 50 nghìn", "1200050000"],
    ];
    for (const [text, dong] of cases) expect(read(text), JSON.stringify(text)).to.equal(dong);
  });

  it("takes đ, đồng, vnđ or ₫ at the end", () => {
    const cases: [string, string][] = [
      ["5.000.000đ", "5000000"], ["5.000.000 đ", "5000000"], ["5000000 đồng", "5000000"], ["5000000 dong", "5000000"], ["5000 VNĐ", "5000"], ["5000 vnd", "5000"],
      ["5000₫", "5000"], ["5tr đồng", "5000000"], ["500 nghìn đồng", "500000"], ["5000d", "5000"],
    ];
    for (const [text, dong] of cases) expect(read(text), JSON.stringify(text)).to.equal(dong);
  });

  it("refuses what it would have to guess at, each with its reason", () => {
    const cases: [string, AmountRefusal][] = [
      ["", "empty"], ["   ", "empty"], ["đ", "not_a_number"],
      // a fraction of a đồng without a unit: 5 đ? 5.500 đ? 5,5 triệu?
      ["5.5", "fraction"], ["5,5", "fraction"], ["5,50", "fraction"], ["5.000.000,00", "fraction"], ["5,000,000.50", "fraction"],
      ["50.0000", "fraction"], ["5.00.000", "grouping"], ["5.000,000", "grouping"], ["12345.678", "grouping"], ["5 5", "grouping"], ["5.000 000", "grouping"],
      // three digits after the separator before a unit: 1,25 triệu or 1250 triệu?
      ["1.250tr", "ambiguous_fraction"], ["1,500 nghìn", "ambiguous_fraction"],
      ["1,2345k", "not_whole"],
      // 5,5 triệu or 5,05 triệu?
      ["5tr5", "bare_after_unit"], ["1 triệu 2", "bare_after_unit"],
      ["500k 2tr", "unit_order"], ["2 triệu 3 triệu", "unit_order"], ["2 triệu 1500 nghìn", "unit_order"],
      ["-5000", "negative"], ["−5tr", "negative"],
      ["abc", "not_a_number"], ["1e6", "not_a_number"], ["5m", "not_a_number"], ["+5000", "not_a_number"], ["5 củ", "not_a_number"], ["5tr.", "not_a_number"], ["0x10", "not_a_number"],
      ["1000000000000000", "too_large"], ["1000000 tỷ", "too_large"],
    ];
    for (const [text, reason] of cases) expect(read(text), JSON.stringify(text)).to.equal(`refused: ${reason}`);
  });
});
