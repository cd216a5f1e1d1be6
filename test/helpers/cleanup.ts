// Things a test file opens once and shares between its tests (a browser), closed by the root
// afterAll hook (test/helpers/hooks.ts) at the end of each file's run.
const closers: (() => Promise<void>)[] = [];

export function atFileEnd(close: () => Promise<void>): void {
  closers.push(close);
}

export async function runClosers(): Promise<void> {
  for (const c of closers.splice(0)) await c();
}
