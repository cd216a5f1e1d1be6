import { expect } from "chai";
import { ValidationError } from "../../src/shared/errors";
import { abs, allocate, dong, formatDong, fromDb, isDongString, negate, parseDong, sum, toDb, toWire, ZERO } from "../../src/shared/money";
import { addDays, fixedClock, formatDateVi, isValidDate, localDate } from "../../src/shared/dates";
import { mulberry32 } from "../helpers/random";

// Unit tests for the pure money and date helpers (STYLE §6): the only doors for amounts and days.

describe("shared: money", () => {
  describe("parseDong", () => {
    it("accepts whole đồng as strings of digits, signed", () => {
      expect(parseDong("1250000")).to.equal(1250000n);
      expect(parseDong("-500")).to.equal(-500n);
      expect(parseDong("0")).to.equal(0n);
      expect(parseDong("999999999999999")).to.equal(999999999999999n);
      expect(parseDong("-999999999999999")).to.equal(-999999999999999n);
    });

    it("refuses a JSON number, fractions, exponents, -0, empty, leading zeros, separators and 16+ digits", () => {
      const bad: unknown[] = [
        1250000, 0, null, undefined, true, {}, ["1"], 5n,
        "12.5", "1e6", "1E6", "-0", "", " ", "01", "-01", "00", "+5", " 5", "5 ", "1.250.000", "1,250,000", "0x10",
        "Infinity", "NaN", "١٢٣", "1000000000000000", "-1000000000000000", "12345678901234567890",
      ];
      for (const value of bad) {
        expect(() => parseDong(value), typeof value === "bigint" ? `${value}n` : JSON.stringify(value) ?? String(value)).to.throw(ValidationError);
        if (typeof value === "string") expect(isDongString(value), value).to.equal(false);
      }
    });

    it("names the field that was wrong", () => {
      try {
        parseDong("12.5", "/postings/1/amount");
        expect.fail("should have thrown");
      } catch (err) {
        expect(err).to.be.instanceOf(ValidationError);
        expect((err as ValidationError).status).to.equal(400);
        expect((err as ValidationError).errors).to.deep.equal([{ path: "/postings/1/amount", code: "invalid_amount" }]);
      }
    });
  });

  describe("formatDong, toWire, toDb", () => {
    it("shows amounts with dot thousands and keeps the sign", () => {
      const cases: [string, string][] = [
        ["0", "0"], ["5", "5"], ["999", "999"], ["1000", "1.000"], ["1250000", "1.250.000"],
        ["-350000", "-350.000"], ["100000000", "100.000.000"], ["999999999999999", "999.999.999.999.999"],
      ];
      for (const [value, shown] of cases) expect(formatDong(parseDong(value)), value).to.equal(shown);
      expect(formatDong(negate(ZERO))).to.equal("0");
    });

    it("writes the wire and the database as plain digit strings, exactly", () => {
      expect(toWire(parseDong("-999999999999999"))).to.equal("-999999999999999");
      expect(toDb(parseDong("123456789012345"))).to.equal("123456789012345");
      expect(toWire(negate(parseDong("0")))).to.equal("0");
    });
  });

  describe("fromDb", () => {
    it("reads numbers (sqlite3), strings (pg) and bigints exactly", () => {
      expect(fromDb(1250000)).to.equal(1250000n);
      expect(fromDb(-1250000)).to.equal(-1250000n);
      expect(fromDb(Number.MAX_SAFE_INTEGER)).to.equal(9007199254740991n);
      expect(fromDb("999999999999999")).to.equal(999999999999999n);
      // A SUM over many rows may pass 2^53 on pg, which sends it as a string: still exact.
      expect(fromDb("123456789012345678901")).to.equal(123456789012345678901n);
      expect(fromDb(123456789012345678901n)).to.equal(123456789012345678901n);
      expect(fromDb(-5n)).to.equal(-5n);
    });

    it("reads NULL (an empty SUM) as zero", () => {
      expect(fromDb(null)).to.equal(0n);
      expect(fromDb(undefined)).to.equal(0n);
    });

    it("refuses a number that may already have lost precision in the driver", () => {
      expect(() => fromDb(2 ** 53)).to.throw(/exact range/);
      expect(() => fromDb(1e20)).to.throw(/exact range/);
      expect(() => fromDb("12.5")).to.throw(/not whole/);
    });
  });

  describe("allocate", () => {
    const D = (n: number | string) => dong(BigInt(n));

    it("splits by the stated rule: floors, then the leftover đồng to the largest remainders, ties to the earlier part", () => {
      expect(allocate(D(100), [1, 1, 1]).map(String)).to.deep.equal(["34", "33", "33"]);
      expect(allocate(D(10), [1, 2]).map(String)).to.deep.equal(["3", "7"]); // 3.33 / 6.67
      expect(allocate(D(1000000), [3, 0, 1]).map(String)).to.deep.equal(["750000", "0", "250000"]);
      expect(allocate(D(-100), [1, 1, 1]).map(String)).to.deep.equal(["-34", "-33", "-33"]);
      expect(allocate(D(2), [1, 1, 1, 1]).map(String)).to.deep.equal(["1", "1", "0", "0"]);
      for (const p of allocate(D(-2), [1, 1, 1, 1])) expect(Object.is(Number(p), -0)).to.equal(false); // no -0
    });

    it("gives the leftover to the truly largest remainder even when shares have 15 digits", () => {
      // Exact remainders: part 0 = S/2 - 1, part 1 = S/2, part 2 = 1 (S = 2,000,008): part 1 gets the đồng.
      const parts = allocate(D("999999999999999"), [127821, 1000004, 872183]);
      expect(parts.map(String)).to.deep.equal(["63910244359022", "500000000000000", "436089755640977"]);
      expect(sum(parts)).to.equal(999999999999999n);
    });

    it("always adds up to the total, each part within one đồng of its exact share (seeded random totals and weights)", () => {
      const rnd = mulberry32(4242);
      const int = (max: number) => Math.floor(rnd() * max);
      for (let k = 0; k < 3000; k++) {
        const digits = 1 + int(15);
        let s = String(1 + int(9));
        for (let d = 1; d < digits; d++) s += String(int(10));
        const total = D(rnd() < 0.2 ? `-${s}` : s);
        const weights = Array.from({ length: 1 + int(12) }, () => int(10 ** (1 + int(7))));
        if (!weights.some((w) => w > 0)) weights[0] = 1;
        const parts = allocate(total, weights);
        const label = `${total} by ${JSON.stringify(weights)}`;
        expect(parts, label).to.have.length(weights.length);
        expect(sum(parts), label).to.equal(total);
        // Exactly, in integers: |part| * W is within W of |total| * w (floor or floor + 1).
        const T: bigint = abs(total);
        const W = weights.reduce((a, b) => a + BigInt(b), 0n);
        parts.forEach((p, i) => {
          const shareTimesW = T * BigInt(weights[i]);
          const partTimesW = abs(p) * W;
          expect(partTimesW + W > shareTimesW && partTimesW <= shareTimesW + W, `${label} part ${i}`).to.equal(true);
          if (p !== 0n) expect(p < 0n, label).to.equal(total < 0n);
        });
        // Largest remainders first: no part that got the extra đồng has a smaller remainder than one that did not.
        const rems = weights.map((w, i) => ({ rem: (T * BigInt(w)) % W, up: abs(parts[i]) * W > T * BigInt(w) }));
        const minUp = rems.filter((r) => r.up).reduce((m, r) => (r.rem < m ? r.rem : m), W);
        const maxDown = rems.filter((r) => !r.up).reduce((m, r) => (r.rem > m ? r.rem : m), -1n);
        expect(minUp >= maxDown, label).to.equal(true);
      }
    });

    it("refuses no weights, and negative, fractional or all-zero weights", () => {
      expect(() => allocate(D(10), [])).to.throw(/no weights/);
      expect(() => allocate(D(10), [1, -1])).to.throw(/bad weights/);
      expect(() => allocate(D(10), [0.5, 1])).to.throw(/bad weights/);
      expect(() => allocate(D(10), [0, 0])).to.throw(/bad weights/);
    });
  });
});

describe("shared: dates", () => {
  it("accepts only real calendar dates in YYYY-MM-DD form", () => {
    for (const ok of ["2024-02-29", "2025-02-28", "2025-12-31", "2025-01-01", "2000-02-29", "2025-04-30"]) {
      expect(isValidDate(ok), ok).to.equal(true);
    }
    for (const bad of ["2025-02-29", "2025-13-01", "2025-00-10", "2025-01-00", "2025-04-31", "1900-02-29", "2025-1-01", "2025-01-1", "25-01-01", "2025/01/01", "", "2025-01-01T00:00:00Z", "2025-01-01 "]) {
      expect(isValidDate(bad), bad).to.equal(false);
    }
  });

  it("takes today in Asia/Ho_Chi_Minh (UTC+7, no daylight saving)", () => {
    expect(localDate(new Date("2025-06-14T18:00:00Z"))).to.equal("2025-06-15");
    expect(localDate(new Date("2025-06-14T16:59:59Z"))).to.equal("2025-06-14");
    expect(localDate(new Date("2025-06-14T17:00:00Z"))).to.equal("2025-06-15");
    expect(localDate(new Date("2024-12-31T17:00:00Z"))).to.equal("2025-01-01");
    expect(localDate(fixedClock("2025-03-01T00:30:00Z").now())).to.equal("2025-03-01");
  });

  it("shows dd/mm/yyyy on documents and adds days across months and leap years", () => {
    expect(formatDateVi("2025-03-05")).to.equal("05/03/2025");
    expect(addDays("2024-02-28", 1)).to.equal("2024-02-29");
    expect(addDays("2025-02-28", 1)).to.equal("2025-03-01");
    expect(addDays("2025-12-31", 1)).to.equal("2026-01-01");
    expect(addDays("2025-03-01", -1)).to.equal("2025-02-28");
    expect(addDays("2025-01-01", 30)).to.equal("2025-01-31");
  });

  it("has a clock that stands still until moved", () => {
    const clock = fixedClock("2025-03-01T00:00:00Z");
    expect(clock.now().toISOString()).to.equal("2025-03-01T00:00:00.000Z");
    clock.advance(1500);
    expect(clock.now().toISOString()).to.equal("2025-03-01T00:00:01.500Z");
    clock.set("2025-12-31T23:59:59Z");
    expect(clock.now().toISOString()).to.equal("2025-12-31T23:59:59.000Z");
  });
});
