// The province bench's HTTP client: JSON over keep-alive sockets to the app on a loopback port,
// signing in again when a session has lapsed (the bench moves the clock month by month).
import http from "node:http";
import { performance } from "node:perf_hooks";

export interface Answer { status: number; body: unknown; text: string; ms: number; bytes: number }

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export function request(base: string, method: string, p: string, token: string | null, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return rawRequest(base, method, p, token, payload, payload ? { "content-type": "application/json", ...headers } : headers);
}

function rawRequest(base: string, method: string, p: string, token: string | null, payload: Buffer | undefined, headers: Record<string, string>): Promise<Answer> {
  const h: Record<string, string | number> = { ...headers };
  if (payload) h["content-length"] = payload.length;
  if (token) h.authorization = `Bearer ${token}`;
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}/api/v1${p}`, { method, agent, headers: h }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        const buf = Buffer.concat(chunks);
        const json = /json/.test(String(res.headers["content-type"] ?? ""));
        const text = json ? buf.toString("utf8") : "";
        resolve({ status: res.statusCode ?? 0, body: json && text ? JSON.parse(text) : null, text, ms: performance.now() - t0, bytes: buf.length });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(payload);
  });
}

/** A signed-in person of the province: username, password, and the token of the last sign-in. */
export class Person {
  token: string | null = null;
  constructor(readonly base: string, readonly username: string, readonly password: string, public id = 0) {}

  async signIn(): Promise<void> {
    const r = await request(this.base, "POST", "/auth/login", null, { username: this.username, password: this.password });
    if (r.status !== 200) throw new Error(`sign-in ${this.username}: ${r.status} ${r.text.slice(0, 300)}`);
    this.token = (r.body as { token: string }).token;
  }

  /** The call; a lapsed session is signed in again once. Throws unless the status is one of `ok`. */
  async call<T = Record<string, unknown>>(method: string, p: string, body?: unknown, ok: number[] = [200, 201, 204]): Promise<T> {
    const r = await this.raw(method, p, body);
    if (!ok.includes(r.status)) throw new Error(`${this.username} ${method} ${p}: ${r.status} ${r.text.slice(0, 500)}`);
    return r.body as T;
  }

  async raw(method: string, p: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    if (!this.token) await this.signIn();
    let r = await request(this.base, method, p, this.token, body, headers);
    if (r.status === 401) {
      await this.signIn();
      r = await request(this.base, method, p, this.token, body, headers);
    }
    return r;
  }
}

/** Runs `work` for each item, `n` at a time. */
export async function pool<T>(items: T[], n: number, work: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(n, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i], i);
    }
  });
  await Promise.all(runners);
}

export const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] : NaN;
};
export const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
