#!/usr/bin/env node
// Compiles the server to plain JavaScript in dist/ (what `npm start` runs): no TypeScript loader
// in production, so the service starts faster and idles in less memory. One file in,
// one file out, same tree (src/, reports/, seeds/, migrations/), so every path relative to a
// file still holds; non-code files the server reads at run time are copied beside them.
// Tests and `npm run dev` run the .ts sources through tsx instead.
import { build } from "esbuild";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(root, "dist");
const started = Date.now();

function files(dir, keep) {
  const found = [];
  for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) found.push(...files(rel, keep));
    else if (keep(rel)) found.push(rel);
  }
  return found;
}

const client = path.join("src", "web", "client");
const isCode = (f) => f.endsWith(".ts") && !f.endsWith(".d.ts") && !f.startsWith(client + path.sep);
const entryPoints = ["src", "reports", "seeds", "migrations"].flatMap((d) => files(d, isCode));

fs.rmSync(out, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints,
  outdir: out,
  outbase: ".",
  platform: "node",
  target: "node20",
  format: "cjs",
  bundle: false,
  sourcemap: false, // not minified: a stack trace reads well as it is
  logLevel: "warning",
});
// Read at run time: the public pages' templates and stylesheet; the web app's sources (bundled
// for the browser on first request); the version.
const copies = [
  ...files("src", (f) => f.endsWith(".eta") || (f.endsWith(".css") && !f.startsWith(client + path.sep))),
  ...files(client, () => true),
  // ...and the shared code the browser bundle imports, as TypeScript (esbuild prefers .ts to the
  // compiled .js beside it; Node never loads a .ts), so the browser gets the same small ES modules.
  ...files(path.join("src", "shared"), (f) => f.endsWith(".ts")),
  "package.json",
];
for (const f of copies) {
  fs.mkdirSync(path.dirname(path.join(out, f)), { recursive: true });
  fs.copyFileSync(path.join(root, f), path.join(out, f));
}
process.stdout.write(`built dist/ (${entryPoints.length} modules) in ${Date.now() - started} ms\n`);
