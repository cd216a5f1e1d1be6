import { expect } from "chai";
import fs from "node:fs";
import path from "node:path";
import { testApp } from "../helpers/app";
import { tempDir } from "../helpers/db";
import { world } from "../helpers/given";
import { campaign } from "../helpers/given-contributions";
import { Server, startServer } from "../helpers/server";
import { until } from "../helpers/wait";

// Reading a sheet is CPU work that must not hold up anyone else: while a crafted 5 MB CSV is
// uploaded and refused, a real server process keeps answering /healthz within 200 ms, and its event
// loop never stands still for more than 100 ms (measured inside the server by loop-probe.cjs).

const FIVE_MB = 5 * 1024 * 1024 - 1024;
const HEADER = "STT,Mã hộ,Họ và tên chủ hộ,Số tiền (đồng),Ngày nộp,Ghi chú\n";

const CRAFTED: { name: string; bytes: Buffer }[] = [
  { name: "one long quoted field", bytes: Buffer.from(`${HEADER}1,"${"a".repeat(FIVE_MB)}",x,100000,01/03/2025,\n`) },
  { name: "a quote that never closes", bytes: Buffer.from(`${HEADER}1,"${"b, ".repeat(FIVE_MB / 3)}`) },
  { name: "millions of columns", bytes: Buffer.from(`${HEADER}${",".repeat(FIVE_MB)}\n`) },
  { name: "millions of blank lines", bytes: Buffer.from(`${"\r\n".repeat(FIVE_MB / 2)}${HEADER}`) },
];

async function upload(s: Server, p: string, token: string, bytes: Buffer) {
  const form = new FormData();
  form.append("file", new Blob([bytes]), "danh-sach.csv");
  const r = await fetch(`${s.url}/api/v1${p}`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: r.status, type: r.headers.get("content-type") ?? "", body: (await r.json()) as { code?: string } };
}

const PROBE = path.resolve(__dirname, "../helpers/loop-probe.cjs");

/** The server's longest event-loop stall since the last time this was asked. */
async function longestStall(s: Server): Promise<number> {
  const seen = s.output().match(/loop-stall \d+/g)?.length ?? 0;
  s.proc.kill("SIGUSR2");
  const answer = await until(
    () => {
      const all = s.output().match(/loop-stall (\d+)/g) ?? [];
      return all.length > seen && all[all.length - 1];
    },
    { timeoutMs: 10_000, what: () => `the server's loop probe did not answer: ${s.output()}` },
  );
  return Number(answer.split(" ")[1]);
}

/** Sends /healthz every 10 ms or so until `done` settles; returns the slowest answer's time in ms. */
async function probe(s: Server, done: Promise<unknown>): Promise<{ slowest: number; answers: number }> {
  let finished = false;
  const stop = () => (finished = true);
  done.then(stop, stop);
  let slowest = 0;
  let answers = 0;
  while (!finished) {
    const started = performance.now();
    const r = await fetch(`${s.url}/healthz`);
    await r.text();
    expect(r.status).to.equal(200);
    slowest = Math.max(slowest, performance.now() - started);
    answers++;
    // The probe's own pace (a request every 10 ms, like a busy hamlet's), not a wait for anything.
    await new Promise((r) => setTimeout(r, 10));
  }
  return { slowest, answers };
}

describe("security: reading a sheet leaves the event loop free", function () {
  this.timeout(180_000);
  let server: Server | undefined;
  afterEach(async () => {
    await server?.stop("SIGKILL");
    server = undefined;
  });

  it("when crafted 5 MB CSVs are uploaded, then each is refused with sheet_too_complex and /healthz answers within 200 ms meanwhile", async () => {
    // Sessions made here are used by the server process, whose clock is the real one.
    const t = await testApp({ now: new Date().toISOString() });
    const w = await world(t, { only: ["treasurerA"] });
    const c = await campaign(t, w);
    server = await startServer({ DATABASE_URL: t.url, FILES_DIR: tempDir(), LOG_LEVEL: "silent", NODE_OPTIONS: `--require ${PROBE}` });
    const s = server;
    const p = `/units/${w.hamletA}/campaigns/${c.id}/imports`;
    // A first sheet starts what reading one needs (the worker's code), as a treasurer's first import would.
    const warm = await upload(s, p, w.treasurerA.token, fs.readFileSync(path.resolve(__dirname, "../fixtures/treasurer-sheet.csv")));
    expect(warm.status, JSON.stringify(warm.body).slice(0, 300)).to.equal(201);

    // A stall the code causes comes back on every try; one the machine's other load causes (2 cores
    // shared with other work) does not: each file gets up to three tries to show both bounds hold.
    // Each try first measures the same server idle for a moment: on a machine so loaded that an
    // idle server stalls too, the bounds are read above that yardstick (reading the sheet on the
    // event loop stalls it for seconds, far past either).
    for (const f of CRAFTED) {
      expect(f.bytes.length, f.name).to.be.within(4 * 1024 * 1024, 5 * 1024 * 1024);
      const tries: string[] = [];
      let held = false;
      for (let attempt = 0; attempt < 3 && !held; attempt++) {
        await longestStall(s);
        // The yardstick: 1.5 s of the same probing with nothing else asked of the server.
        const idle = await probe(s, new Promise((r) => setTimeout(r, 1500)));
        const idleStall = await longestStall(s); // and counted afresh from here on
        const sent = upload(s, p, w.treasurerA.token, f.bytes);
        const { slowest, answers } = await probe(s, sent);
        const res = await sent;
        const stall = await longestStall(s);
        expect(res.status, `${f.name}: ${JSON.stringify(res.body)}`).to.equal(422);
        expect(res.type).to.match(/^application\/problem\+json/);
        expect(res.body.code, f.name).to.equal("sheet_too_complex");
        expect(answers, f.name).to.be.above(0);
        tries.push(`longest stall ${stall} ms, slowest of ${answers} /healthz ${Math.round(slowest)} ms (idle: ${idleStall} ms, ${Math.round(idle.slowest)} ms)`);
        held = (stall <= 100 || stall <= 2 * idleStall + 50) && (slowest <= 200 || slowest <= 2 * idle.slowest + 50);
      }
      expect(held, `${f.name}: the server's event loop stood still > 100 ms or /healthz took > 200 ms on every try: ${tries.join("; ")}`).to.equal(true);
    }
  });
});
