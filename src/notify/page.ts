import type { Request, Response, Router } from "express";
import type { Deps } from "../deps";
import { anonymous } from "../identity";
import type { PageKit as PublicPageKit } from "../http/page-kit";
import { findSubscription } from "./queries";
import { tokenMatches, withdrawByLink } from "./subscriptions";

// The "Hủy đăng ký" link of every message: a plain page with one button that withdraws the
// subscription (a GET only shows it, so a mail scanner that follows links withdraws nothing).
// One of publication's public pages (its layout, stylesheet and policy; the view is
// publication/views/unsubscribe.eta); no script: the form posts to itself.

const PATH = "/notify/unsubscribe/:id/:token";

const parse = (req: Request) => {
  const id = String(req.params.id);
  const token = String(req.params.token);
  return { id: /^[1-9][0-9]{0,9}$/.test(id) ? Number(id) : 0, token: /^[A-Za-z0-9_-]{10,64}$/.test(token) ? token : "" };
};

/** Adds the link's page to publication's public router. */
export function unsubscribePage(deps: Deps, kit: PublicPageKit, router: Router): void {
  const { page, html } = kit;
  const notFound = (res: Response) => page(res, "unsubscribe", "Không tìm thấy đăng ký", { heading: "Không tìm thấy đăng ký", state: "notFound" }, 404);

  router.get(PATH, html(async (req, res) => {
    const { id, token } = parse(req);
    const s = id ? await findSubscription(deps.db, id) : undefined;
    if (!s || !token || !tokenMatches(s, token)) return notFound(res);
    if (s.status === "withdrawn") return page(res, "unsubscribe", "Đã hủy đăng ký nhận tin", { heading: "Đã hủy đăng ký nhận tin", state: "already" });
    page(res, "unsubscribe", "Hủy đăng ký nhận tin", { heading: "Hủy đăng ký nhận tin", state: "ask" });
  }));

  router.post(PATH, html(async (req, res) => {
    const { id, token } = parse(req);
    const actor = anonymous(req.id, req.ip ?? "unknown", deps.clock.now().toISOString());
    const ok = id && token ? await withdrawByLink(deps.db, actor, id, token).then(() => true, () => false) : false;
    if (!ok) return notFound(res);
    page(res, "unsubscribe", "Đã hủy đăng ký nhận tin", { heading: "Đã hủy đăng ký nhận tin", state: "done" });
  }));
}
