import { expect } from "chai";
import { AppError } from "../../src/shared/errors";
import { rowCounts } from "./app";
import type { Knex } from "knex";

/** An HTTP answer as supertest gives it. */
interface Answer { status: number; body: any; headers: Record<string, string> }

/**
 * A refused request or call, and not one row changed anywhere. `send` is either a request, whose
 * answer must be problem+json (RFC 9457: type, title, status, detail, instance, code) with this
 * status and stable code, or a service call, which must throw the AppError of that status and code.
 * Returns the problem body (or the error's params), for the test to check what it names.
 */
export async function refused(
  t: { db: Knex },
  send: () => Promise<unknown>,
  status: number,
  code: string,
): Promise<any> {
  const before = await rowCounts(t.db);
  const outcome = await send().then((answer) => ({ answer }), (error: unknown) => ({ error }));
  if ("error" in outcome) {
    expect(outcome.error, "the call was not refused").to.be.instanceOf(AppError);
    const e = outcome.error as AppError;
    expect([e.status, e.code], e.message).to.deep.equal([status, code]);
    expect(await rowCounts(t.db)).to.deep.equal(before);
    return { ...e.params, status: e.status, code: e.code };
  }
  const body = problem(outcome.answer as Answer, status, code);
  expect(await rowCounts(t.db)).to.deep.equal(before);
  return body;
}

/**
 * The shape every refusal has, for an answer already in hand (one of many sent in a loop, whose
 * rows are compared once around the loop). Returns the problem body.
 */
export function problem(r: Answer, status: number, code: string): any {
  expect(r.status, JSON.stringify(r.body)).to.equal(status);
  expect(r.headers["content-type"]).to.match(/^application\/problem\+json/);
  expect(r.body).to.include({ type: `/problems/${code}`, status, code });
  expect(r.body.title).to.be.a("string").and.not.equal("");
  expect(r.body.detail).to.be.a("string").and.not.equal("");
  expect(r.body.instance).to.be.a("string");
  return r.body;
}
