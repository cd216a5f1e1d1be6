import { expect } from "chai";
import { rowCounts, TestApp } from "./app";

/**
 * A refused request: problem+json with its status, its stable code and the matching type, and not
 * one row changed anywhere. Returns the problem body, for the test to check what it names.
 */
export async function refused(
  t: TestApp,
  send: () => Promise<{ status: number; body: any; headers: Record<string, string> }>,
  status: number,
  code: string,
): Promise<any> {
  const before = await rowCounts(t.db);
  const r = await send();
  expect(r.status, JSON.stringify(r.body)).to.equal(status);
  expect(r.headers["content-type"]).to.match(/^application\/problem\+json/);
  expect(r.body.code).to.equal(code);
  expect(r.body.type).to.equal(`/problems/${code}`);
  expect(await rowCounts(t.db)).to.deep.equal(before);
  return r.body;
}
