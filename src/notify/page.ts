import express, { Router } from "express";
import type { Deps } from "../deps";
import { anonymous } from "../identity";
import { PUBLIC_CSP, PUBLIC_CSS_PATH } from "../publication";
import { findSubscription } from "./queries";
import { tokenMatches, withdrawByLink } from "./subscriptions";

// The "Hủy đăng ký" link of every message: a plain page with one button that withdraws the
// subscription (a GET only shows it, so a mail scanner that follows links withdraws nothing).
// Dressed as the notice board's pages (their stylesheet and header); no script: the form posts to itself.

const page = (title: string, ...body: string[]) =>
  `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} · Sổ quỹ minh bạch</title><link rel="stylesheet" href="${PUBLIC_CSS_PATH}"></head>`
  + `<body><header><a href="/">Sổ quỹ minh bạch</a> · công khai thu chi quỹ cộng đồng</header><main><h1>${title}</h1>${body.join("")}</main></body></html>`;

const NOT_FOUND = page("Không tìm thấy đăng ký", "<p>Đường dẫn không đúng hoặc đã hết hiệu lực.</p>");

export function unsubscribePage(deps: Deps): Router {
  const router = express.Router();
  const PATH = "/notify/unsubscribe/:id/:token";
  const parse = (p: Record<string, string>) => ({
    id: /^[1-9][0-9]{0,9}$/.test(p.id) ? Number(p.id) : 0,
    token: /^[A-Za-z0-9_-]{10,64}$/.test(p.token) ? p.token : "",
  });
  const headers = (res: express.Response) => {
    // The public pages' policy: their stylesheet, and the one form posting back to this address.
    res.setHeader("Content-Security-Policy", PUBLIC_CSP);
    res.type("html");
  };
  router.get(PATH, async (req, res, next) => {
    try {
      const { id, token } = parse(req.params);
      const s = id ? await findSubscription(deps.db, id) : undefined;
      headers(res);
      if (!s || !token || !tokenMatches(s, token)) return void res.status(404).send(NOT_FOUND);
      if (s.status === "withdrawn") return void res.send(page("Đã hủy đăng ký nhận tin", "<p>Gia đình đã hủy đăng ký này trước đây.</p>"));
      res.send(page("Hủy đăng ký nhận tin", "<p>Bấm nút dưới đây để không nhận tin nhắn từ sổ quỹ qua kênh này nữa.</p>", `<form method="post"><button class="btn" type="submit">Hủy đăng ký</button></form>`));
    } catch (err) {
      next(err);
    }
  });
  router.post(PATH, async (req, res, next) => {
    try {
      const { id, token } = parse(req.params);
      const actor = anonymous(req.id, req.ip ?? "unknown", deps.clock.now().toISOString());
      const ok = id && token ? await withdrawByLink(deps.db, actor, id, token).then(() => true, () => false) : false;
      headers(res);
      res.status(ok ? 200 : 404).send(ok
        ? page("Đã hủy đăng ký nhận tin", "<p>Gia đình sẽ không nhận tin nhắn từ sổ quỹ qua kênh này nữa. Muốn nhận lại, gia đình có thể đăng ký lại bất cứ lúc nào.</p>")
        : NOT_FOUND);
    } catch (err) {
      next(err);
    }
  });
  return router;
}
