// What `npm start` runs, read from package.json, so that a benchmark starts the server exactly as
// a deployment does: the compiled tree (bin/build.mjs) under the same node flags.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
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
