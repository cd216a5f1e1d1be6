import { expect } from "chai";
import { canonicalJson, flatWriter } from "../../src/shared/canonical-json";
import { mulberry32 } from "../helpers/random";

// A statement's data hash writes its rows by the fast path; a published copy verifies only while
// that path writes exactly what the reference writes.

describe("shared: canonical JSON", () => {
  it("writes keys sorted, without whitespace, and leaves out undefined", () => {
    expect(canonicalJson({ b: 1, a: [{ d: null, c: "x" }], e: undefined })).to.equal('{"a":[{"c":"x","d":null}],"b":1}');
  });

  it("the flat-row fast path writes each row byte for byte as the reference does, over seeded random rows", () => {
    const rnd = mulberry32(20261206);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
    const texts = ["Nguyễn Văn Hường", "Trần Thị Ngọc Ánh", 'nói "không"', "a\\b", "dòng\nhai", "\u0000\u001f", "😀", "\ud800", "e\u0301", "", "DT-001", "1.250.000"];
    const keys = ["stt", "code", "name", "paid", "Đã nộp", "zeta", "a b", "__proto__x", "10", "2"];
    const write = flatWriter<Record<string, string | number | null | undefined>>(keys, (r, k) => r[k]);
    for (let n = 0; n < 2000; n++) {
      const row: Record<string, string | number | null | undefined> = {};
      for (const k of keys) {
        const roll = rnd();
        row[k] = roll < 0.1 ? undefined : roll < 0.2 ? null : roll < 0.5 ? Math.floor(rnd() * 1e15) - 5e14 : pick(texts) + (rnd() < 0.3 ? pick(texts) : "");
      }
      expect(write(row)).to.equal(canonicalJson(row));
    }
  });
});
