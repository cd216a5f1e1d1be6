import { expect } from "chai";
import type { TestApp } from "./app";
import type { World } from "./given";

// Builders for households and campaigns, through the API (so they obey its rules).

export async function household(t: TestApp, w: Pick<World, "hamletA" | "treasurerA">, code: string, extra: Record<string, unknown> = {}, unitId = w.hamletA, token = w.treasurerA.token) {
  const r = await t.as(token).post(`/units/${unitId}/households`, { code, headName: `Chủ hộ ${code}`, ...extra });
  expect(r.status, JSON.stringify(r.body)).to.equal(201);
  return r.body as { id: number; code: string };
}

export const decision = (total = 100, agreeing = 80, present = Math.max(agreeing, 90)) => ({
  date: "2025-01-10", minutesRef: "BB-01/2025", householdsTotal: total, householdsPresent: Math.min(present, total), householdsAgreeing: agreeing,
});

export async function campaign(t: TestApp, w: Pick<World, "hamletA" | "treasurerA">, extra: Record<string, unknown> = {}, unitId = w.hamletA, token = w.treasurerA.token) {
  const r = await t.as(token).post(`/units/${unitId}/campaigns`, {
    name: "Bê tông hóa đường thôn 2025", purpose: "Làm đường bê tông trục chính", decision: decision(), startDate: "2025-02-01", ...extra,
  });
  expect(r.status, JSON.stringify(r.body)).to.equal(201);
  return r.body as { id: number; revenueAccount: string };
}
