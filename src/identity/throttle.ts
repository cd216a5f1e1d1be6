import type { Clock } from "../shared/dates";

// Slows password guessing: after `limit` failures inside `windowMs` for one key (a username or an
// address) that key is refused until the window since its first counted failure has passed.
// Unknown usernames count like known ones, so a 429 never tells whether a username exists.
// In memory, per process, bounded: a restart forgets, which only helps a legitimate user.
export class Throttle {
  private hits = new Map<string, { first: number; count: number }>();

  constructor(
    private clock: Clock,
    private limit: number,
    private windowMs: number,
    private maxKeys = 100_000,
  ) {}

  /** Seconds to wait before trying again, or 0 when the key may try now. */
  retryAfter(key: string): number {
    const h = this.hits.get(key);
    if (!h) return 0;
    const now = this.clock.now().getTime();
    if (now - h.first >= this.windowMs) {
      this.hits.delete(key);
      return 0;
    }
    return h.count >= this.limit ? Math.ceil((h.first + this.windowMs - now) / 1000) : 0;
  }

  fail(key: string): void {
    const now = this.clock.now().getTime();
    const h = this.hits.get(key);
    if (!h || now - h.first >= this.windowMs) {
      if (this.hits.size >= this.maxKeys) this.prune(now);
      this.hits.set(key, { first: now, count: 1 });
    } else h.count++;
  }

  reset(key: string): void {
    this.hits.delete(key);
  }

  private prune(now: number) {
    for (const [k, h] of this.hits) if (now - h.first >= this.windowMs) this.hits.delete(k);
    // Still full: drop the oldest entries rather than grow without bound.
    while (this.hits.size >= this.maxKeys) this.hits.delete(this.hits.keys().next().value as string);
  }
}
