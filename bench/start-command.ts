// What `npm start` runs, read from package.json, so that a benchmark starts the server exactly as
// a deployment does: the compiled tree (bin/build.mjs) under the same node flags.
import { ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** node's arguments in package.json's start script: its flags, then dist/src/server.js. */
export function startArgs(root: string): string[] {
  const start: string = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).scripts.start;
  const m = /\bnode ((?:--?[\w-]+(?:=\S+)? )*)dist\/src\/server\.js/.exec(start);
  if (!m) throw new Error(`package.json's start script does not run dist/src/server.js: ${start}`);
  return [...m[1].split(" ").filter(Boolean), "dist/src/server.js"];
}

/** Compiles the server as `npm start` does (bin/build.mjs), in `root`. */
export function build(root: string): void {
  execFileSync(process.execPath, ["bin/build.mjs"], { cwd: root, stdio: "ignore" });
}

export interface Served {
  child: ChildProcess;
  /** http://127.0.0.1:<port>, as the server printed it. */
  base: string;
  stop(): Promise<void>;
}

/**
 * Starts the server in `root` with node's `args` (startArgs(root), or tsx and the sources) on a free
 * port, with a minimal environment plus `env`; resolves once it prints where it listens.
 * BENCH_NODE_OPTIONS, when set, is passed on as NODE_OPTIONS (to try V8 flags without editing
 * package.json).
 */
export async function spawnServer(root: string, args: string[], env: Record<string, string>): Promise<Served> {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? "", HOME: os.tmpdir(), LOG_LEVEL: "silent", DEMO_DATA: "false", HOST: "127.0.0.1", PORT: "0",
      ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  child.stderr!.on("data", (d) => (err = (err + d).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const base = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d) => {
      out += d;
      const m = /listening on (http:\/\/[0-9.:]+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once("exit", (code) => reject(new Error(`server exited (${code}): ${err}`)));
  });
  return {
    child,
    base,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
