import { expect } from "chai";
import { canonicalEntry, entryHash, hashInput, ZERO_HASH, type ChainedEntry } from "../../src/ledger/hash-chain";
import { mulberry32 } from "../helpers/random";

// The chain's canonical form is canonicalJson of the entry's fields (CONTEXT.md): the fast byte
// writer that entryHash hashes must give exactly the same bytes, or every published hash would change.
describe("ledger: canonical form of an entry", () => {
  const base = {
    unitId: 3, seq: 42, voucherNo: "PT-2025-000042", date: "2025-03-05", kind: "contribution",
    description: "Thu đóng góp - hộ DT-042 Nguyễn Thị Hường \"Út\" \\ \u0001 ✓", householdId: 17, campaignId: 2, workId: null,
    reverses: null, createdBy: 5, createdAt: "2025-03-05T02:00:00.000Z",
    postings: [{ account: "111", amount: "1250000", memo: null }, { account: "711", amount: "-1250000", memo: "Thu theo đăng ký" }],
  };

  const same = (prev: string, e: ChainedEntry, label = "") => expect(hashInput(prev, e).equals(Buffer.from(prev + canonicalEntry(e), "utf8")), label || JSON.stringify(e).slice(0, 80)).to.equal(true);

  it("when an entry is written by the fast writer, then it is byte for byte prevHash and the canonical JSON of its fields", () => {
    const variants = [base, { ...base, householdId: null, campaignId: null, workId: 9, reverses: 41, createdBy: null }, { ...base, description: "", postings: [] }];
    for (const e of variants) same(ZERO_HASH, e);
  });

  it("when seeded random entries hold Vietnamese text, escapes, controls and surrogates, then the fast writer and the definition agree byte for byte", () => {
    const rnd = mulberry32(20251206);
    const int = (n: number) => Math.floor(rnd() * n);
    // Characters a description may hold: ASCII, Vietnamese (precomposed and combining), what JSON
    // escapes, other controls, DEL, emoji (surrogate pairs) and lone surrogates of both halves.
    const pieces = ["a", "Z", "0", " ", "-", "ư", "đ", "Ệ", "ấ", "e\u0301", "\"", "\\", "/", "\n", "\r", "\t", "\b", "\f", "\u0000", "\u001f", "\u007f", "\u2028", "🧱", "👩‍🌾", "\ud800", "\udfff", "€"];
    const text = (max: number) => Array.from({ length: int(max) }, () => pieces[int(pieces.length)]).join("");
    const maybe = <T>(v: T) => (rnd() < 0.3 ? null : v);
    for (let k = 0; k < 2000; k++) {
      const two = rnd() < 0.5;
      const e: ChainedEntry = {
        ...(two ? { hashVersion: 2, id: int(1e9), createdByName: maybe(text(30)), payee: maybe(text(40)) } : {}),
        unitId: 1 + int(500), seq: 1 + int(1e7), voucherNo: `P${"TCK"[int(3)]}-2025-${String(int(1e6)).padStart(6, "0")}`, date: "2025-03-05",
        kind: ["contribution", "expense", "transfer", "reversal"][int(4)], description: text(k % 50 === 0 ? 3000 : 120),
        householdId: maybe(int(1e6)), campaignId: maybe(int(1e4)), workId: maybe(int(1e4)), reverses: maybe(int(1e6)), createdBy: maybe(int(1e4)),
        createdAt: "2025-03-05T02:00:00.000Z",
        postings: Array.from({ length: int(5) }, () => ({ account: String(100 + int(900)), amount: String(int(2) ? -1 - int(1e14) : 1 + int(1e14)), memo: maybe(text(k % 7 === 0 ? 80 : 20)) })),
      };
      same("ab".repeat(32), e, `random entry ${k}`);
    }
  });

  it("when the chain starts, then the first hash is sha256 of 64 zeros followed by the canonical entry", () => {
    const crypto = require("node:crypto");
    const expected = crypto.createHash("sha256").update(ZERO_HASH + canonicalEntry(base)).digest("hex");
    expect(entryHash(ZERO_HASH, base)).to.equal(expected);
  });

  it("when an entry holds any text or a row holds the wrong types, then its hash is still sha256 of prevHash and the canonical JSON", () => {
    const crypto = require("node:crypto");
    const prev = "ab".repeat(32);
    const odd: any[] = [
      base,
      { ...base, description: "Emoji 🧱 and a lone \ud800 surrogate, a tab\t and a quote \"", postings: [{ account: "111", amount: "5", memo: "\udfff" }, { account: "711", amount: "-5", memo: "" }] },
      { ...base, description: "\u0001".repeat(20_000) }, // escapes to 120,000 bytes: past the reused buffer
      { ...base, description: "ư".repeat(30_000) },
      { ...base, description: "A plain description past the short-text path: ".repeat(3), voucherNo: "PT-2025-\u007f", postings: [{ account: "111", amount: "9", memo: "x".repeat(65) }] },
      // What a tampered row may hold: numbers where text belongs, text where numbers do, NaN.
      { ...base, date: 20250305, voucherNo: 42, campaignId: "2", seq: Number.NaN, householdId: 1e21, postings: [{ account: 111, amount: 5, memo: 7 }] },
    ];
    for (const e of odd) {
      const expected = crypto.createHash("sha256").update(prev + canonicalEntry(e)).digest("hex");
      expect(entryHash(prev, e), JSON.stringify(e).slice(0, 80)).to.equal(expected);
      same(prev, e);
    }
    // The buffer is reused: a short entry after a long one is hashed alone.
    expect(entryHash(prev, base)).to.equal(crypto.createHash("sha256").update(prev + canonicalEntry(base)).digest("hex"));
  });

  // Version 2 adds what an entry shows beyond version 1: its id, the recorder's name, the payee.
  const v2 = { ...base, hashVersion: 2, id: 1042, createdByName: "Nguyễn Thị Thu (thủ quỹ)", payee: 'Cửa hàng VLXD Hòa Bình "HB"' };

  it("when a version 2 entry is written by the fast writer, then it is byte for byte the canonical JSON of its fields, the new ones included", () => {
    const crypto = require("node:crypto");
    const prev = "cd".repeat(32);
    const variants: any[] = [
      v2,
      { ...v2, createdByName: null, payee: null, householdId: null, reverses: 41 },
      { ...v2, payee: "".repeat(20_000) }, // past the reused buffer by the new field alone
      { ...v2, createdByName: "ư".repeat(70), postings: [] },
      { ...v2, id: "1042", createdByName: 5, payee: 1e21 }, // a tampered row's types
    ];
    for (const e of variants) {
      same(prev, e);
      expect(entryHash(prev, e)).to.equal(crypto.createHash("sha256").update(prev + canonicalEntry(e)).digest("hex"));
    }
    const text = canonicalEntry(v2);
    for (const k of ["hashVersion", "id", "createdByName", "payee"]) expect(text, k).to.include(`"${k}":`);
    // Version 1 stays as it was: the new fields are not in it, whatever the object holds.
    const v1 = { ...v2, hashVersion: 1 };
    expect(canonicalEntry(v1)).to.equal(canonicalEntry(base));
    expect(entryHash(prev, v1)).to.equal(entryHash(prev, base));
  });

  it("when the version or any field version 2 adds changes, then the hash changes", () => {
    const h = entryHash(ZERO_HASH, v2);
    for (const change of [{ id: 1043 }, { createdByName: "Nguyễn Thị Thu" }, { payee: null }, { payee: "Cửa hàng khác" }, { hashVersion: 1 }]) {
      expect(entryHash(ZERO_HASH, { ...v2, ...change }), JSON.stringify(change)).to.not.equal(h);
    }
  });

  it("when CONTEXT.md's worked examples are recomputed, then they give the digests it prints", () => {
    const fs = require("node:fs");
    const path = require("node:path");
    const doc: string = fs.readFileSync(path.resolve(__dirname, "../../src/ledger/CONTEXT.md"), "utf8");
    for (const [input, digest] of [
      [EXAMPLE_V1, entryHash(ZERO_HASH, EXAMPLE_V1)],
      [EXAMPLE_V2, entryHash(entryHash(ZERO_HASH, EXAMPLE_V1), EXAMPLE_V2)],
    ] as const) {
      expect(doc).to.include(canonicalEntry(input));
      expect(doc).to.include(digest);
    }
  });
});

// The two entries CONTEXT.md works through: the first of a unit's books under version 1, the second under version 2.
const EXAMPLE_V1 = {
  unitId: 3, seq: 1, voucherNo: "PT-2025-000001", date: "2025-03-05", kind: "contribution", description: "Thu đóng góp - hộ DT-042",
  householdId: 17, campaignId: 2, workId: null, reverses: null, createdBy: 5, createdAt: "2025-03-05T02:00:00.000Z",
  postings: [{ account: "111", amount: "1250000", memo: null }, { account: "711", amount: "-1250000", memo: null }],
};
const EXAMPLE_V2 = {
  hashVersion: 2, id: 58, unitId: 3, seq: 2, voucherNo: "PC-2025-000001", date: "2025-03-06", kind: "expense", description: "Mua xi măng",
  householdId: null, campaignId: null, workId: 4, reverses: null, createdBy: 5, createdByName: "Nguyễn Thị Thu", createdAt: "2025-03-06T01:30:00.000Z",
  payee: "Cửa hàng Hòa Bình", postings: [{ account: "801", amount: "900000", memo: "20 bao" }, { account: "111", amount: "-900000", memo: null }],
};
