import { ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { until } from "./wait";

// Real server processes for tests that need them (two servers on one database, kill -9).

const ROOT = path.resolve(__dirname, "../..");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export interface Server {
  url: string;
  proc: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

// freePort() closes the port it found: servers started together could be handed the same one.
const handedOut = new Set<number>();

/** Starts `node --import tsx src/server.ts` on a free port and waits until it says it listens there. */
export async function startServer(env: Record<string, string>): Promise<Server> {
  let port = await freePort();
  while (handedOut.has(port)) port = await freePort();
  handedOut.add(port);
  let out = "";
  const proc = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", LOG_LEVEL: "silent", SCRYPT_COST: "1024", DEMO_DATA: "false", HOST: "127.0.0.1", PORT: String(port), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  proc.stdout!.on("data", (d) => (out += d));
  proc.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const answers = async () => {
    if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode}: ${out}`);
    // Ours only once it says it listens on this port: another process could answer /healthz there.
    if (!out.includes(`listening on http://127.0.0.1:${port} `)) return false;
    try {
      return (await fetch(`${url}/healthz`)).ok;
    } catch {
      return false; // not answering yet
    }
  };
  // A first start migrates and may seed, on a busy machine.
  await until(answers, { timeoutMs: 50_000, everyMs: 50, what: () => `server did not answer /healthz in time: ${out}` }).catch((err) => {
    proc.kill("SIGKILL");
    throw err;
  });
  return {
    url,
    proc,
    output: () => out,
    async stop(signal: NodeJS.Signals = "SIGTERM") {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      return exited;
    },
  };
}

/** JSON over HTTP to a real server. */
export async function call(url: string, method: string, p: string, body?: unknown, token?: string): Promise<{ status: number; body: any }> {
  const r = await fetch(`${url}/api/v1${p}`, {
    method,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null };
}
