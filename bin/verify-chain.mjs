#!/usr/bin/env node
// Recomputes a unit's hash chain from the public API, with nothing but Node:
//   node bin/verify-chain.mjs http://localhost:3000 <unitId> <token>
// hash = sha256_hex(prevHash + canonical JSON of the entry), prevHash of seq 1 = 64 zeros.
import crypto from "node:crypto";
const [base, unit, token] = process.argv.slice(2);
const canon = (v) => v === null || typeof v !== "object" ? JSON.stringify(v)
  : Array.isArray(v) ? `[${v.map(canon).join(",")}]`
  : `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canon(v[k])}`).join(",")}}`;
const FIELDS = ["campaignId", "createdAt", "createdBy", "date", "description", "householdId", "kind", "reverses", "seq", "unitId", "voucherNo", "workId"];
let prev = "0".repeat(64), expectSeq = 1, cursor = "";
for (;;) {
  const res = await fetch(`${base}/api/v1/units/${unit}/entries?limit=500${cursor ? `&cursor=${cursor}` : ""}`, { headers: { authorization: `Bearer ${token}` } });
  const page = await res.json();
  for (const e of page.data) {
    const body = Object.fromEntries(FIELDS.map((k) => [k, e[k]]));
    body.postings = e.postings.map((p) => ({ account: p.account, amount: p.amount, memo: p.memo }));
    const hash = crypto.createHash("sha256").update(prev).update(canon(body)).digest("hex");
    if (e.seq !== expectSeq || e.prevHash !== prev || e.hash !== hash) { console.log(`broken at seq ${e.seq}`); process.exit(1); }
    prev = hash; expectSeq++;
  }
  if (!page.nextCursor) break;
  cursor = page.nextCursor;
}
console.log(`ok: ${expectSeq - 1} entries, head ${prev}`);
