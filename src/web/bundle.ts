import crypto from "node:crypto";
import path from "node:path";
import zlib from "node:zlib";

// The web app's browser code is TypeScript in ./client, bundled by esbuild in memory the first time
// /app is asked for (no build step to forget, nothing generated in the tree). One bundle per
// process: every app in a test run shares it. Screens are split into chunks loaded on demand, so a
// first visit downloads the shell and one screen, not the whole app.

export interface Asset {
  body: Buffer;
  /** Pre-compressed once: assets are immutable for the life of the process. */
  gzip: Buffer;
  type: string;
}

export interface Bundle {
  /** file name (with its content hash) → asset */
  assets: Map<string, Asset>;
  /** The entry script's and the stylesheet's file names. */
  main: string;
  css: string;
}

let building: Promise<Bundle> | undefined;

export function bundle(): Promise<Bundle> {
  building ??= build().catch((err) => {
    building = undefined; // a failed build is tried again on the next request
    throw err;
  });
  return building;
}

async function build(): Promise<Bundle> {
  // Loaded here, not at the top: the API alone never pays for esbuild.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require("esbuild") as typeof import("esbuild");
  const result = await esbuild.build({
    entryPoints: { main: path.join(__dirname, "client", "main.ts"), app: path.join(__dirname, "client", "app.css") },
    bundle: true,
    splitting: true,
    format: "esm",
    target: ["es2020", "chrome91", "firefox90", "safari15"],
    minify: true,
    write: false,
    outdir: "/out",
    entryNames: "[name]-[hash]",
    chunkNames: "c-[hash]",
    legalComments: "none",
    logLevel: "silent",
    tsconfig: path.join(__dirname, "client", "tsconfig.json"),
  });
  const assets = new Map<string, Asset>();
  let main = "";
  let css = "";
  for (const f of result.outputFiles) {
    const name = path.basename(f.path);
    const type = name.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
    const body = Buffer.from(f.contents);
    assets.set(name, { body, gzip: zlib.gzipSync(body, { level: 9 }), type });
    if (/^main-.*\.js$/.test(name)) main = name;
    if (/^app-.*\.css$/.test(name)) css = name;
  }
  if (!main || !css) throw new Error("web bundle: entry files missing");
  return { assets, main, css };
}

/** A short fingerprint of the shell page, for its ETag. */
export function etagOf(text: string): string {
  return `"${crypto.createHash("sha256").update(text).digest("base64url").slice(0, 16)}"`;
}
