import type { Request, Response } from "express";

// What the public pages' router gives the pages of every module it mounts (publication's own,
// decisions' vote page, notify's subscription pages): their layout and their refusals as pages.

export interface PageKit {
  /** Renders `view` (src/publication/views) inside the public layout. */
  page(res: Response, view: string, title: string, data: object, status?: number): void;
  /** A handler whose refusals answer as a page (the API answers problem+json). */
  html(fn: (req: Request, res: Response) => Promise<void>): (req: Request, res: Response) => Promise<void>;
}
