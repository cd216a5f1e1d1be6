import type { Me } from "./api";

// What a screen is given. Its own file: routes.ts loads the screens, and the screens name this
// without importing the router back.

export interface ScreenCtx {
  /** The page's main region: the screen fills it. */
  root: HTMLElement;
  params: Record<string, string>;
  query: URLSearchParams;
  me: Me;
  /** Goes to another address of the app (pushes history). */
  go(path: string): void;
}
export type Screen = (ctx: ScreenCtx) => Promise<void>;
