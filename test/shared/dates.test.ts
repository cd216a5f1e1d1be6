import { expect } from "chai";
import { checkDate, localDateOf } from "../../src/shared/dates";
import { AppError } from "../../src/shared/errors";

// One check of a date a request gives, for every module: real calendar dates only, and not after
// today in Vietnam unless the date may lie ahead (a plan, a due date).

const refusal = (f: () => void) => {
  try {
    f();
  } catch (e) {
    expect(e).to.be.instanceOf(AppError);
    return { status: (e as AppError).status, code: (e as AppError).code, params: (e as AppError).params, errors: (e as AppError).errors };
  }
  throw new Error("not refused");
};

describe("shared: dates a request gives", () => {
  // 17:30 UTC on 31 December is already 1 January in Vietnam (UTC+7).
  const at = "2025-12-31T17:30:00.000Z";

  it("when an instant is past 17:00 UTC, then its day in Vietnam is the next one", () => {
    expect(localDateOf(at)).to.equal("2026-01-01");
    expect(localDateOf("2025-12-31T16:59:59.999Z")).to.equal("2025-12-31");
  });

  it("when a date is not a real calendar date, then it is 400 invalid_date at its path", () => {
    for (const d of ["2025-02-29", "2025-13-01", "1/1/2025", ""]) {
      const r = refusal(() => checkDate(d, "/date", at));
      expect(r.status).to.equal(400);
      expect(r.errors).to.deep.equal([{ path: "/date", code: "invalid_date" }]);
    }
  });

  it("when a date is after today in Vietnam, then it is 422 future_date naming today, unless it may lie ahead", () => {
    expect(() => checkDate("2026-01-01", "/date", at)).not.to.throw();
    const r = refusal(() => checkDate("2026-01-02", "/date", at));
    expect([r.status, r.code, r.params]).to.deep.equal([422, "future_date", { date: "2026-01-02", today: "2026-01-01" }]);
    expect(() => checkDate("2026-06-30", "/plannedEnd", at, true)).not.to.throw();
  });
});
