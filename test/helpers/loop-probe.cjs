// Loaded into a server process under test (NODE_OPTIONS=--require): measures how long its event loop
// stood still. A timer due every 10 ms notes each gap beyond that; on SIGUSR2 the longest gap since
// the last signal is written to stdout as "loop-stall <ms>", and the count starts again.
const { performance } = require("node:perf_hooks");
const { isMainThread } = require("node:worker_threads");
if (isMainThread) {
  const EVERY = 10;
  let last = performance.now();
  let longest = 0;
  setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last - EVERY);
    last = now;
  }, EVERY).unref();
  process.on("SIGUSR2", () => {
    const now = performance.now();
    longest = Math.max(longest, now - last - EVERY);
    process.stdout.write(`loop-stall ${Math.round(longest)}\n`);
    longest = 0;
  });
}
