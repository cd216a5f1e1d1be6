import express, { Router } from "express";
import type { Deps } from "../deps";
import { anonymous } from "../identity";
import { withdrawByLink } from "./subscriptions";

// The "Hủy đăng ký" link of every message: opening it withdraws the subscription at once (one
// tap, as the law asks withdrawal to be as easy as consent) and says so in a plain page.

const page = (title: string, text: string) =>
  `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body><main><h1>${title}</h1><p>${text}</p></main></body></html>`;

export function unsubscribePage(deps: Deps): Router {
  const router = express.Router();
  router.get("/notify/unsubscribe/:id/:token", async (req, res, next) => {
    try {
      const id = /^[1-9][0-9]{0,9}$/.test(req.params.id) ? Number(req.params.id) : 0;
      const token = /^[A-Za-z0-9_-]{10,64}$/.test(req.params.token) ? req.params.token : "";
      const actor = anonymous(req.id, req.ip ?? "unknown", deps.clock.now().toISOString());
      let ok = false;
      if (id && token) ok = await withdrawByLink(deps.db, actor, id, token).then(() => true, () => false);
      res.status(ok ? 200 : 404).type("html").send(ok
        ? page("Đã hủy đăng ký nhận tin", "Gia đình sẽ không nhận tin nhắn từ sổ quỹ qua kênh này nữa. Muốn nhận lại, xin đăng ký lại trên bảng tin của thôn.")
        : page("Không tìm thấy đăng ký", "Đường dẫn không đúng hoặc đã hết hiệu lực."));
    } catch (err) {
      next(err);
    }
  });
  return router;
}
