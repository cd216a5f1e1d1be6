#!/usr/bin/env node
// Recomputes a unit's hash chain from the API, with nothing but Node (no dependency, no project code):
//   node bin/verify-chain.mjs http://localhost:3000 <unitId> <token>
// hash = sha256_hex(prevHash + canonical JSON of the entry), prevHash of seq 1 = 64 zeros; canonical
// JSON has object keys sorted and no whitespace. Which fields: by the entry's hashVersion
// (src/ledger/CONTEXT.md gives both byte for byte):
//   1 (entries without one): campaignId createdAt createdBy date description householdId kind
//     postings[{account, amount, memo}] reverses seq unitId voucherNo workId
//   2: version 1's and createdByName hashVersion id payee
// Exit 0 and "ok: N entries, head H" when every link holds; 1 and "broken at seq S" otherwise.
import crypto from "node:crypto";
const [base, unit, token] = process.argv.slice(2);
if (!base || !unit) { console.error("usage: verify-chain.mjs <base URL> <unitId> <token>"); process.exit(2); }
const canon = (v) => v === null || typeof v !== "object" ? JSON.stringify(v)
  : Array.isArray(v) ? `[${v.map(canon).join(",")}]`
  : `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canon(v[k])}`).join(",")}}`;
const V1 = ["campaignId", "createdAt", "createdBy", "date", "description", "householdId", "kind", "reverses", "seq", "unitId", "voucherNo", "workId"];
const FIELDS = { 1: V1, 2: [...V1, "createdByName", "hashVersion", "id", "payee"] };
let prev = "0".repeat(64), expectSeq = 1, cursor = "", version = 1;
const broken = (seq, why) => { console.log(`broken at seq ${seq}: ${why}`); process.exit(1); };
for (;;) {
  const res = await fetch(`${base}/api/v1/units/${unit}/entries?limit=500${cursor ? `&cursor=${cursor}` : ""}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok) { console.error(`${res.status} ${await res.text()}`); process.exit(2); }
  const page = await res.json();
  for (const e of page.data) {
    const v = e.hashVersion ?? 1;
    if (!FIELDS[v]) broken(e.seq, `unknown hash version ${v}`);
    if (v < version) broken(e.seq, `hash version ${v} after ${version}`);
    const body = Object.fromEntries(FIELDS[v].map((k) => [k, e[k] === undefined ? null : e[k]]));
    body.postings = e.postings.map((p) => ({ account: p.account, amount: p.amount, memo: p.memo }));
    const hash = crypto.createHash("sha256").update(prev).update(canon(body)).digest("hex");
    if (e.seq !== expectSeq) broken(expectSeq, "missing");
    if (e.prevHash !== prev) broken(e.seq, "prevHash");
    if (e.hash !== hash) broken(e.seq, "hash");
    prev = hash; expectSeq++; version = v;
  }
  if (!page.nextCursor) break;
  cursor = page.nextCursor;
}
console.log(`ok: ${expectSeq - 1} entries, head ${prev}`);
// A head noted down earlier can be checked without signing in:
//   GET /api/v1/public/units/<unitId>/anchor?seq=<seq>&hash=<hash>  → {matches, seq}
