import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { fromDb, negate, parseDong } from "../../src/shared/money";
import { inWords, WordsOptions } from "../../src/shared/words-vi";
import { mulberry32 } from "../helpers/random";

// Unit tests for the amount in words (documents.md §3): every worked example, the hard cases
// (linh, mốt, lăm, zeros inside), the settings, and a round trip that reads the words back into a number.

// documents.md §3, worked examples #1-#44 (default settings: linh, nghìn, tỷ, bốn, "đồng").
const WORKED: [string, string][] = [
  ["0", "Không đồng"],
  ["5", "Năm đồng"],
  ["10", "Mười đồng"],
  ["11", "Mười một đồng"],
  ["14", "Mười bốn đồng"],
  ["15", "Mười lăm đồng"],
  ["21", "Hai mươi mốt đồng"],
  ["24", "Hai mươi bốn đồng"],
  ["25", "Hai mươi lăm đồng"],
  ["50", "Năm mươi đồng"],
  ["55", "Năm mươi lăm đồng"],
  ["101", "Một trăm linh một đồng"],
  ["104", "Một trăm linh bốn đồng"],
  ["105", "Một trăm linh năm đồng"],
  ["110", "Một trăm mười đồng"],
  ["115", "Một trăm mười lăm đồng"],
  ["121", "Một trăm hai mươi mốt đồng"],
  ["1000", "Một nghìn đồng"],
  ["1001", "Một nghìn không trăm linh một đồng"],
  ["1005", "Một nghìn không trăm linh năm đồng"],
  ["1015", "Một nghìn không trăm mười lăm đồng"],
  ["1100", "Một nghìn một trăm đồng"],
  ["10005", "Mười nghìn không trăm linh năm đồng"],
  ["15000", "Mười lăm nghìn đồng"],
  ["21000", "Hai mươi mốt nghìn đồng"],
  ["105000", "Một trăm linh năm nghìn đồng"],
  ["115000", "Một trăm mười lăm nghìn đồng"],
  ["200005", "Hai trăm nghìn không trăm linh năm đồng"],
  ["250000", "Hai trăm năm mươi nghìn đồng"],
  ["1000000", "Một triệu đồng"],
  ["1000005", "Một triệu không trăm linh năm đồng"],
  ["1000100", "Một triệu một trăm đồng"],
  ["1001000", "Một triệu không trăm linh một nghìn đồng"],
  ["1010000", "Một triệu không trăm mười nghìn đồng"],
  ["1050000", "Một triệu không trăm năm mươi nghìn đồng"],
  ["1250000", "Một triệu hai trăm năm mươi nghìn đồng"],
  ["3020000", "Ba triệu không trăm hai mươi nghìn đồng"],
  ["5000500", "Năm triệu năm trăm đồng"],
  ["21500000", "Hai mươi mốt triệu năm trăm nghìn đồng"],
  ["1000000001", "Một tỷ không trăm linh một đồng"],
  ["1001000000", "Một tỷ không trăm linh một triệu đồng"],
  ["1050000000", "Một tỷ không trăm năm mươi triệu đồng"],
  ["2000000000", "Hai tỷ đồng"],
  ["1234567891", "Một tỷ hai trăm ba mươi bốn triệu năm trăm sáu mươi bảy nghìn tám trăm chín mươi mốt đồng"],
];

// Further cases: hard ones the table lacks, and the large end of the range.
const MORE: [string, string][] = [
  ["1", "Một đồng"],
  ["4", "Bốn đồng"],
  ["20", "Hai mươi đồng"],
  ["31", "Ba mươi mốt đồng"],
  ["45", "Bốn mươi lăm đồng"],
  ["99", "Chín mươi chín đồng"],
  ["100", "Một trăm đồng"],
  ["111", "Một trăm mười một đồng"],
  ["500", "Năm trăm đồng"],
  ["505", "Năm trăm linh năm đồng"],
  ["999", "Chín trăm chín mươi chín đồng"],
  ["1010", "Một nghìn không trăm mười đồng"],
  ["1021", "Một nghìn không trăm hai mươi mốt đồng"],
  ["10000", "Mười nghìn đồng"],
  ["100000", "Một trăm nghìn đồng"],
  ["1000010", "Một triệu không trăm mười đồng"],
  ["10000000", "Mười triệu đồng"],
  ["10000000000", "Mười tỷ đồng"],
  [
    "999999999999",
    "Chín trăm chín mươi chín tỷ chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín đồng",
  ],
  ["1000000000000", "Một nghìn tỷ đồng"],
  ["1001000000000", "Một nghìn không trăm linh một tỷ đồng"],
  ["5000000000023", "Năm nghìn tỷ không trăm hai mươi ba đồng"],
  [
    "999999999999999",
    "Chín trăm chín mươi chín nghìn chín trăm chín mươi chín tỷ chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín đồng",
  ],
  ["1500000000000", "Một nghìn năm trăm tỷ đồng"], // 1.500 tỷ: the part above the tỷ is read as one number
  ["1000000000000000", "Một triệu tỷ đồng"],
  ["1000000000000000000", "Một tỷ tỷ đồng"],
];

describe("shared: amount in words (inWords)", () => {
  describe("the worked examples of documents.md §3", () => {
    for (const [amount, words] of WORKED) {
      it(`reads ${amount} as "${words}"`, () => {
        expect(inWords(amount)).to.equal(words);
      });
    }
  });

  describe("further amounts", () => {
    for (const [amount, words] of MORE) {
      it(`reads ${amount} as "${words}"`, () => {
        expect(inWords(amount)).to.equal(words);
      });
    }
  });

  it("reads a Dong exactly as its digit string, far beyond a JS number's exact range", () => {
    expect(inWords(parseDong("1250000"))).to.equal("Một triệu hai trăm năm mươi nghìn đồng");
    expect(inWords(fromDb("9007199254740993"))).to.equal(
      "Chín triệu không trăm linh bảy nghìn một trăm chín mươi chín tỷ hai trăm năm mươi bốn triệu bảy trăm bốn mươi nghìn chín trăm chín mươi ba đồng",
    );
    expect(inWords(negate(parseDong("0")))).to.equal("Không đồng");
  });

  it("refuses negative, fractional and non-numeric amounts (negatives are never written in words)", () => {
    for (const bad of ["-5", "12.5", "1e6", "", " 5", "1.000", "abc", "+5"]) {
      expect(() => inWords(bad), bad).to.throw(RangeError);
    }
    expect(() => inWords(parseDong("-1250000"))).to.throw(RangeError);
    expect(() => inWords(1250000 as unknown as string)).to.throw(RangeError);
  });

  describe("settings (documents.md §3: points of genuine variation)", () => {
    const cases: [string, Partial<WordsOptions>, string][] = [
      ["24", { four: "tư" }, "Hai mươi tư đồng"],
      ["14", { four: "tư" }, "Mười bốn đồng"], // tư only after mươi
      ["105", { zeroTens: "lẻ" }, "Một trăm lẻ năm đồng"],
      ["1000", { thousand: "ngàn" }, "Một ngàn đồng"],
      ["2000000000", { billion: "tỉ" }, "Hai tỉ đồng"],
      ["1250000", { suffix: "đồng chẵn" }, "Một triệu hai trăm năm mươi nghìn đồng chẵn"],
      ["1250000", { suffix: "đồng./." }, "Một triệu hai trăm năm mươi nghìn đồng./."],
      ["1000005", { readZeroHundreds: false, zeroTens: "lẻ" }, "Một triệu lẻ năm đồng"],
      ["1050000", { readZeroHundreds: false }, "Một triệu năm mươi nghìn đồng"],
    ];
    for (const [amount, opts, words] of cases) {
      it(`reads ${amount} with ${JSON.stringify(opts)} as "${words}"`, () => {
        expect(inWords(amount, opts)).to.equal(words);
      });
    }
  });

  it("agrees with every row of the worked-example table of the domain notes, settings included", () => {
    const file = path.join(__dirname, "../fixtures/words-vi-examples.md"); // the table of documents.md §3
    const rows = fs
      .readFileSync(file, "utf8")
      .split("\n")
      .map((l) => /^\| (\d+) \| ([\d.]+) \| (.+) \|$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null);
    expect(rows).to.have.length(44);
    const settings: Record<string, Partial<WordsOptions>> = { tư: { four: "tư" }, lẻ: { zeroTens: "lẻ" }, ngàn: { thousand: "ngàn" } };
    for (const [, n, figures, text] of rows) {
      const amount = figures.replace(/\./g, "");
      const m = /^(.*?) \(setting \*(.+?)\*: (.*)\)$/.exec(text);
      expect(inWords(amount), `#${n}`).to.equal(m ? m[1] : text);
      if (m) expect(inWords(amount, settings[m[2]]), `#${n} ${m[2]}`).to.equal(m[3]);
    }
  });

  it("reads every amount from 0 to 100 000 back to itself, with none of the forbidden forms", () => {
    for (let n = 0; n <= 100_000; n++) {
      const words = inWords(String(n));
      if (parseWords(words) !== BigInt(n)) expect.fail(`${n} -> "${words}" reads back as ${parseWords(words)}`);
      if (/một mươi|mươi một|mười năm|linh lăm|  /.test(words)) expect.fail(`${n} -> "${words}"`);
    }
  });

  it("reads large amounts back to themselves (seeded random digits up to 24 of them)", () => {
    const rnd = mulberry32(20250301);
    for (let i = 0; i < 5000; i++) {
      const len = 1 + Math.floor(rnd() * 24);
      // Runs of zeros are where the rules bite: draw each digit as 0 half of the time.
      let s = String(1 + Math.floor(rnd() * 9));
      for (let k = 1; k < len; k++) s += rnd() < 0.5 ? "0" : String(Math.floor(rnd() * 10));
      const words = inWords(s);
      if (parseWords(words) !== BigInt(s)) expect.fail(`${s} -> "${words}" reads back as ${parseWords(words)}`);
    }
  });

  it("never says 'không nghìn', 'không triệu' or 'không tỷ' for a group-aligned amount", () => {
    for (let zeros = 3; zeros <= 21; zeros++) {
      for (const lead of ["1", "10", "100", "205"]) {
        const words = inWords(lead + "0".repeat(zeros));
        expect(words).not.to.match(/không (nghìn|triệu|tỷ)|không trăm (nghìn|triệu|tỷ)/);
        expect(parseWords(words)).to.equal(BigInt(lead + "0".repeat(zeros)));
      }
    }
  });
});

/** An independent reader of the words back into a number, for the round trips above. */
function parseWords(text: string): bigint {
  const tokens = text.toLowerCase().replace(/ đồng$/, "").split(" ");
  const digit: Record<string, bigint> = {
    không: 0n, một: 1n, mốt: 1n, hai: 2n, ba: 3n, bốn: 4n, tư: 4n, năm: 5n, lăm: 5n, sáu: 6n, bảy: 7n, tám: 8n, chín: 9n,
  };
  let total = 0n; // everything up to the last "tỷ", already multiplied
  let acc = 0n; // triệu and nghìn since the last "tỷ"
  let small = 0n; // the group being read (< 1000)
  let last = 0n; // the last digit said, for "mươi" and "trăm"
  for (const t of tokens) {
    if (t in digit) {
      last = digit[t];
      small += last;
    } else if (t === "mươi") small += last * 9n; // turns the digit just added into its tens
    else if (t === "trăm") small += last * 99n;
    else if (t === "mười") small += 10n;
    else if (t === "linh") continue;
    else if (t === "nghìn") [acc, small] = [acc + small * 1000n, 0n];
    else if (t === "triệu") [acc, small] = [acc + small * 1_000_000n, 0n];
    else if (t === "tỷ") [total, acc, small] = [(total + acc + small) * 1_000_000_000n, 0n, 0n];
    else throw new Error(`unknown word "${t}" in "${text}"`);
  }
  return total + acc + small;
}
