import { systemActor } from "../../src/identity";
import { registerHousehold } from "../../src/contributions";
import { issuePin } from "../../src/contributions/service";
import type { TestApp } from "./app";

/** A household in a hamlet with a PIN issued through the API's service; returns its code and PIN. */
export async function issuePinForTests(t: TestApp, unitId: number, code: string): Promise<{ id: number; code: string; pin: string }> {
  const actor = systemActor(t.clock.now().toISOString(), "test");
  return t.db.transaction(async (trx) => {
    const h = await registerHousehold(trx, actor, unitId, { code, headName: `Chủ hộ ${code}`, phone: "0912345678" });
    const { pin } = await issuePin(trx, actor, unitId, h.id, 1024);
    return { id: h.id, code, pin };
  });
}
