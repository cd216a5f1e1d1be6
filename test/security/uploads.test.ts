import { expect } from "chai";
import net from "node:net";
import type { RouteDef } from "../../src/http/route";
import { testApp, TestApp } from "../helpers/app";
import { CALLERS } from "../helpers/authz";
import { tempDir } from "../helpers/db";
import { world, World } from "../helpers/given";
import { Server, startServer } from "../helpers/server";
import { key, MATRIX, resolve } from "./route-cases";

// Broken uploads against every route that takes a file, on a real server process: a body that
// stops the process stops it for everyone. The routes are found in the route table (upload: true),
// and their paths filled and their callers chosen from the authorization matrix's cases, so a new
// upload route is attacked here without editing this file; one this file cannot build a request
// for fails the suite.


interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends exactly `head` + `body` over a socket and reads the answer until the server closes it.
 * `hangUp`: the client closes the socket after the bytes, without waiting for an answer.
 */
function raw(url: string, head: string, body: Buffer | string, opts: { hangUp?: boolean } = {}): Promise<RawAnswer | null> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const s = net.connect(Number(port), hostname);
    const got: Buffer[] = [];
    s.on("data", (d) => got.push(d));
    s.on("error", (e: NodeJS.ErrnoException) => (e.code === "ECONNRESET" || e.code === "EPIPE" ? undefined : reject(e)));
    s.on("connect", () => {
      s.write(head);
      s.write(body, () => {
        if (opts.hangUp) {
          s.destroy();
          resolve(null);
        }
      });
    });
    s.on("close", () => {
      if (opts.hangUp) return;
      const text = Buffer.concat(got).toString("utf8");
      const [top, ...rest] = text.split("\r\n\r\n");
      const lines = top.split("\r\n");
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(lines[0] ?? "")?.[1] ?? 0);
      const headers: Record<string, string> = {};
      for (const l of lines.slice(1)) {
        const i = l.indexOf(":");
        if (i > 0) headers[l.slice(0, i).toLowerCase()] = l.slice(i + 1).trim();
      }
      let payload = rest.join("\r\n\r\n");
      if (/chunked/i.test(headers["transfer-encoding"] ?? "")) {
        let out = "";
        for (let at = 0; ; ) {
          const eol = payload.indexOf("\r\n", at);
          const n = parseInt(payload.slice(at, eol), 16);
          if (!n) break;
          out += payload.slice(eol + 2, eol + 2 + n);
          at = eol + 2 + n + 2;
        }
        payload = out;
      }
      resolve({ status, headers, body: payload });
    });
  });
}

function requestHead(method: string, path: string, headers: Record<string, string | number>): string {
  const lines = [`${method} ${path} HTTP/1.1`, "Host: 127.0.0.1", "Connection: close", ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  return `${lines.join("\r\n")}\r\n\r\n`;
}

const PART = (boundary: string) => `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: application/octet-stream\r\n\r\n`;
const CONTENT = "\xff\xd8\xff%PDF-abc";

/** The broken bodies: each is sent whole (Content-Length exact, or chunked and properly ended). */
const BROKEN: { name: string; contentType: string; body: string; chunked?: boolean }[] = [
  { name: "a body that ends before its closing boundary", contentType: "multipart/form-data; boundary=xx", body: PART("xx") + CONTENT },
  { name: "the same, sent chunked", contentType: "multipart/form-data; boundary=xx", body: PART("xx") + CONTENT, chunked: true },
  { name: "a body that ends inside a part's headers", contentType: "multipart/form-data; boundary=xx", body: `--xx\r\nContent-Disposition: form-da` },
  { name: "a body of only a boundary line", contentType: "multipart/form-data; boundary=xx", body: `--xx\r\n` },
  { name: "no boundary in the Content-Type", contentType: "multipart/form-data", body: `${PART("xx")}${CONTENT}\r\n--xx--\r\n` },
  { name: "a boundary the body does not use", contentType: "multipart/form-data; boundary=yy", body: `${PART("xx")}${CONTENT}\r\n--xx--\r\n` },
  { name: "a part header that does not parse", contentType: "multipart/form-data; boundary=xx", body: `--xx\r\n\x00\x01 nonsense\r\n\r\n${CONTENT}\r\n--xx--\r\n` },
];

interface Target {
  name: string;
  path: string;
  /** A token of a caller the route lets through to its parser (none for public routes). */
  token?: string;
  /** For a staff route: what the same body gets without a token (refused before any parsing). */
  needsToken: boolean;
}

/** The request for each upload route: its path filled and a caller who reaches its parser. */
async function targets(t: TestApp, w: World): Promise<{ found: Target[]; unbuildable: string[] }> {
  const routes = (t.app.locals.routes as RouteDef[]).filter((r) => r.upload === true);
  const found: Target[] = [];
  const unbuildable: string[] = [];
  for (const r of routes) {
    const c = MATRIX[key(r)];
    // The parser is reached by a caller whose matrix answer is neither a refusal of who they are nor a 404.
    const who = c && (CALLERS.find((x) => x === "none" && ![401, 403, 404].includes(c.expect.none)) ?? CALLERS.find((x) => ![401, 403, 404].includes(c.expect[x])));
    if (!c || !who) {
      unbuildable.push(`${key(r)}: no authorization case with a caller that reaches the parser`);
      continue;
    }
    try {
      const { url, token } = await resolve(t, w, r, c, who, w.hamletA);
      found.push({ name: key(r), path: url, token, needsToken: r.access !== "public" });
    } catch (err) {
      unbuildable.push(`${key(r)}: ${(err as Error).message}`);
    }
  }
  return { found, unbuildable };
}

async function healthy(s: Server) {
  const started = Date.now();
  const r = await fetch(`${s.url}/healthz`);
  expect(r.status, `/healthz after the attack; server output: ${s.output()}`).to.equal(200);
  return Date.now() - started;
}

describe("security: broken uploads on every upload route, against a real server", function () {
  this.timeout(120_000);
  let server: Server | undefined;
  afterEach(async () => {
    await server?.stop("SIGKILL");
    server = undefined;
  });

  it("when each upload route gets each broken body, a hang-up mid-file and an oversized declaration, then it answers 4xx problem+json and keeps serving", async () => {
    // Sessions made here are used by the server process, whose clock is the real one.
    const t = await testApp({ now: new Date().toISOString() });
    const w = await world(t); // every kind of person: each upload route is called as one it lets in
    const { found, unbuildable } = await targets(t, w);
    expect(unbuildable, "every upload route of the route table can be attacked: add its case to test/<module>/authz-cases.ts").to.deep.equal([]);
    expect(found.map((x) => x.name)).to.include.members(["POST /public/verify", "POST /units/:unitId/attachments", "POST /public/works/:workId/feedback/photos", "POST /units/:unitId/campaigns/:campaignId/imports"]);
    // The public notice board's form posts a PDF too (a page, not an API route).
    found.push({ name: "POST /verify (page)", path: "/verify", needsToken: false });
    server = await startServer({ DATABASE_URL: t.url, FILES_DIR: tempDir() });
    const s = server;

    for (const target of found) {
      const auth: Record<string, string> = target.token ? { Authorization: `Bearer ${target.token}` } : {};
      for (const b of BROKEN) {
        const bytes = Buffer.from(b.body, "latin1");
        const head = requestHead("POST", target.path, { ...auth, "Content-Type": b.contentType, ...(b.chunked ? { "Transfer-Encoding": "chunked" } : { "Content-Length": bytes.length }) });
        const body = b.chunked ? Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, Buffer.from("\r\n0\r\n\r\n")]) : bytes;
        const res = await raw(s.url, head, body);
        const what = `${target.name} with ${b.name}`;
        expect(res, what).to.not.equal(null);
        expect(res!.status, `${what}: ${res!.body}\n${s.output()}`).to.equal(400);
        if (target.path === "/verify") {
          // The page answers in HTML and names the refusal.
          expect(res!.body, what).to.contain("malformed_upload");
        } else {
          expect(res!.headers["content-type"], what).to.match(/^application\/problem\+json/);
          expect(JSON.parse(res!.body).code, what).to.equal("malformed_upload");
        }
        await healthy(s);
      }
      if (target.needsToken) {
        const bytes = Buffer.from(PART("xx") + CONTENT, "latin1");
        const res = await raw(s.url, requestHead("POST", target.path, { "Content-Type": "multipart/form-data; boundary=xx", "Content-Length": bytes.length }), bytes);
        expect(res!.status, `${target.name} without a token`).to.equal(401);
        expect(res!.headers["content-type"]).to.match(/^application\/problem\+json/);
      }
      // A client that hangs up mid-file, again and again: nothing may stop the process or wedge it.
      for (let i = 0; i < 5; i++) {
        const bytes = Buffer.from(PART("xx") + CONTENT.repeat(200), "latin1");
        await raw(s.url, requestHead("POST", target.path, { ...auth, "Content-Type": "multipart/form-data; boundary=xx", "Content-Length": 1_000_000 }), bytes, { hangUp: true });
      }
      await healthy(s);
      // An upload that declares more than any limit is refused before it is read.
      const big = await raw(s.url, requestHead("POST", target.path, { ...auth, "Content-Type": "multipart/form-data; boundary=xx", "Content-Length": 2_000_000_000 }), Buffer.from(PART("xx"), "latin1"));
      expect(big!.status, `${target.name}: a declared 2 GB body`).to.equal(413);
      await healthy(s);
    }
    expect(s.proc.exitCode, s.output()).to.equal(null);
    expect(s.output()).to.not.match(/Unhandled|Unexpected end of form/);
  });
});
