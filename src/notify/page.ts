import express, { Router } from "express";
import type { Deps } from "../deps";
import { anonymous } from "../identity";
import { findSubscription } from "./queries";
import { tokenMatches, withdrawByLink } from "./subscriptions";

// The "Hủy đăng ký" link of every message: a plain page with one button that withdraws the
// subscription (a GET only shows it, so a mail scanner that follows links withdraws nothing).
// No script, no style: the page posts to itself and answers what happened.

const page = (title: string, ...body: string[]) =>
  `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body><main><h1>${title}</h1>${body.join("")}</main></body></html>`;

const NOT_FOUND = page("Không tìm thấy đăng ký", "<p>Đường dẫn không đúng hoặc đã hết hiệu lực.</p>");

export function unsubscribePage(deps: Deps): Router {
  const router = express.Router();
  const PATH = "/notify/unsubscribe/:id/:token";
  const parse = (p: Record<string, string>) => ({
    id: /^[1-9][0-9]{0,9}$/.test(p.id) ? Number(p.id) : 0,
    token: /^[A-Za-z0-9_-]{10,64}$/.test(p.token) ? p.token : "",
  });
  const headers = (res: express.Response) => {
    // The one form posts to this same address; nothing else is loaded.
    res.setHeader("Content-Security-Policy", "default-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    res.type("html");
  };
  router.get(PATH, async (req, res, next) => {
    try {
      const { id, token } = parse(req.params);
      const s = id ? await findSubscription(deps.db, id) : undefined;
      headers(res);
      if (!s || !token || !tokenMatches(s, token)) return void res.status(404).send(NOT_FOUND);
      if (s.status === "withdrawn") return void res.send(page("Đã hủy đăng ký nhận tin", "<p>Gia đình đã hủy đăng ký này trước đây.</p>"));
      res.send(page("Hủy đăng ký nhận tin", "<p>Bấm nút dưới đây để không nhận tin nhắn từ sổ quỹ qua kênh này nữa.</p>", `<form method="post"><button type="submit">Hủy đăng ký</button></form>`));
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
        ? page("Đã hủy đăng ký nhận tin", "<p>Gia đình sẽ không nhận tin nhắn từ sổ quỹ qua kênh này nữa. Muốn nhận lại, xin đăng ký lại trên bảng tin của thôn.</p>")
        : NOT_FOUND);
    } catch (err) {
      next(err);
    }
  });
  return router;
}
