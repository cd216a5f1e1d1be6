import { expect } from "chai";
import { rowCounts, testApp } from "../helpers/app";
import { world } from "../helpers/given";
import { moneyedHamlet } from "./helpers";

// The publication screens send an Idempotency-Key; a draft or a proof of posting retried
// after its answer was lost replays the first answer instead of recording a second one.

describe("publication: retried drafts and postings", () => {
  it("when a draft and a posting are each sent twice with one Idempotency-Key, then each exists once and both answers match; another body with the key is 409", async () => {
    const t = await testApp({ now: "2025-06-15T03:00:00.000Z" });
    const w = await world(t, { only: ["treasurerA", "headA"] });
    const { campaignId } = await moneyedHamlet(t, w, { households: 2 });
    const draft = { statement: { kind: "contribution-list", params: { campaignId } }, places: ["culture_house"], postedFrom: "2025-06-16", postedUntil: "2025-07-16" };
    const sendDraft = (b: object) => t.as(w.treasurerA.token).post(`/units/${w.hamletA}/publications`).set("Idempotency-Key", "nhap-1").send(b);
    const first = await sendDraft(draft);
    expect(first.status, JSON.stringify(first.body)).to.equal(201);
    const before = await rowCounts(t.db);
    const again = await sendDraft(draft);
    expect(again.status).to.equal(201);
    expect(again.body).to.deep.equal(first.body);
    expect(await rowCounts(t.db)).to.deep.equal(before);
    expect((await sendDraft({ ...draft, postedUntil: "2025-07-20" })).body.code).to.equal("idempotency_conflict");

    const a = await t.as(w.headA.token).post(`/units/${w.hamletA}/publications/${first.body.id}/approve`);
    expect(a.status, JSON.stringify(a.body)).to.equal(200);
    const posting = { place: "culture_house", postedAt: "2025-06-15T01:00:00.000Z", by: "Nguyễn Thị Mai" };
    const sendPosting = () => t.as(w.treasurerA.token).post(`/units/${w.hamletA}/publications/${first.body.id}/postings`).set("Idempotency-Key", "niem-yet-1").send(posting);
    const p1 = await sendPosting();
    expect(p1.status, JSON.stringify(p1.body)).to.equal(201);
    const p2 = await sendPosting();
    expect(p2.status).to.equal(201);
    expect(p2.body).to.deep.equal(p1.body);
    const pub = await t.as(w.treasurerA.token).get(`/units/${w.hamletA}/publications/${first.body.id}`);
    expect(pub.body.postings).to.have.length(1);
  });
});
