import zlib from "node:zlib";
import express, { Request, Response } from "express";
import type { Deps } from "../deps";
import { bundle, etagOf, Asset } from "./bundle";

// The web app for treasurers, heads, boards and clerks, under /app in the same process.
// The server sends one small shell page for every /app address (so a bookmark or a reload opens
// the same screen) and the bundled scripts; every screen then talks to /api/v1 with the bearer
// token the login returned. No cookies, so no request is made on the user's behalf by another
// site (no CSRF); no inline script or handler, so the policy below forbids them.

export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const shell = (main: string, css: string) => `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sổ quỹ minh bạch</title>
<link rel="stylesheet" href="/app/assets/${css}">
<script type="module" src="/app/assets/${main}"></script>
</head>
<body>
<div id="app" aria-live="polite"><p class="loading">Đang tải…</p></div>
<noscript><p>Ứng dụng cần bật JavaScript. Trang công khai không cần: <a href="/">xem tại đây</a>.</p></noscript>
</body>
</html>
`;

function send(req: Request, res: Response, asset: Asset, cache: string, etag?: string) {
  res.setHeader("Content-Type", asset.type);
  res.setHeader("Cache-Control", cache);
  res.setHeader("Vary", "Accept-Encoding");
  if (etag) {
    res.setHeader("ETag", etag);
    if (req.headers["if-none-match"] === etag) return void res.status(304).end();
  }
  const gz = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
  if (gz) res.setHeader("Content-Encoding", "gzip");
  res.end(gz ? asset.gzip : asset.body);
}

export function webApp(_deps: Deps): express.Router {
  const router = express.Router({ strict: false });
  let page: { asset: Asset; etag: string } | undefined;

  router.use((_req, res, next) => {
    res.setHeader("Content-Security-Policy", CSP);
    res.setHeader("X-Frame-Options", "DENY");
    next();
  });

  router.get("/assets/:name", async (req, res, next) => {
    try {
      const b = await bundle();
      const asset = b.assets.get(String(req.params.name));
      if (!asset) return next();
      // Names carry their content hash: a new version is a new name.
      send(req, res, asset, "public, max-age=31536000, immutable");
    } catch (err) {
      next(err);
    }
  });

  // Every other address under /app is a screen of the app: the shell, which reads the address.
  router.get(/^\/(?!assets\/).*/, async (req, res, next) => {
    try {
      const b = await bundle();
      if (!page) {
        const html = shell(b.main, b.css);
        const body = Buffer.from(html);
        page = { asset: { body, gzip: zlib.gzipSync(body, { level: 9 }), type: "text/html; charset=utf-8" }, etag: etagOf(html) };
      }
      send(req, res, page.asset, "no-cache", page.etag);
    } catch (err) {
      next(err);
    }
  });
  return router;
}
