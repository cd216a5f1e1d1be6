import type { Page, Request } from "playwright-core";
import { until } from "../helpers/wait";

/**
 * Holds the answers to the first `first` requests matching `match` (a slow line) until `release()`;
 * later ones pass. A test lets a newer answer be shown, then releases the older one and checks it
 * did not win: the order is certain rather than timed.
 */
export async function holdAnswers(page: Page, match: (u: URL) => boolean, first = Infinity) {
  let open!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  const held: Promise<void>[] = [];
  const heldRequests: Request[] = [];
  const settled = new Set<Request>();
  const onSettled = (r: Request) => void settled.add(r);
  page.on("requestfinished", onSettled);
  page.on("requestfailed", onSettled);
  await page.route(match, (route) => {
    if (held.length >= first) return route.continue();
    heldRequests.push(route.request());
    held.push(gate.then(() => route.continue()));
  });
  return {
    /** How many answers are held. */
    get count() {
      return held.length;
    },
    /** Lets the held answers through and waits until the page has received and handled each. */
    async release() {
      open();
      await Promise.all(held);
      await until(() => heldRequests.every((r) => settled.has(r)), { timeoutMs: 10_000, what: "the held answers reaching the page" });
      page.off("requestfinished", onSettled);
      page.off("requestfailed", onSettled);
      await page.unroute(match);
      // The page reads an answer in the task that delivers it; two frames later it has been drawn.
      await page.evaluate("new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))");
    },
  };
}
