/** What a check gives once it holds. */
type Truthy<T> = Exclude<T, false | 0 | "" | null | undefined>;

/**
 * Asks `check` again, every `everyMs`, until it gives something truthy, and returns that; fails
 * after `timeoutMs` saying `what` did not happen. For waiting on a condition instead of a guessed
 * sleep: a fast machine goes on at once, a slow one gets the whole deadline.
 */
export async function until<T>(
  check: () => T | Promise<T>,
  opts: { timeoutMs?: number; everyMs?: number; what?: string | (() => string) } = {},
): Promise<Truthy<T>> {
  const { timeoutMs = 5_000, everyMs = 10, what = "the condition" } = opts;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v as Truthy<T>;
    if (Date.now() > deadline) throw new Error(`${typeof what === "function" ? what() : what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
