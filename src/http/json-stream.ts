import type { Response } from "express";

/**
 * Answers `value` as JSON with the array at `key` written a slice at a time, waiting for the socket
 * to drain: a 100,000-row import preview never becomes one string of tens of MB. The bytes parse to
 * the same value as res.json(value) would send.
 */
export async function sendJsonStreamed(res: Response, status: number, value: object, key: string, slice = 1000): Promise<void> {
  const { [key]: items, ...rest } = value as Record<string, unknown>;
  const list = (items ?? []) as unknown[];
  res.statusCode = status;
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  const head = JSON.stringify(rest);
  const gone = () => res.destroyed || res.writableEnded;
  const write = (s: string) =>
    res.write(s)
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          // a client that leaves mid-answer must not leave this waiting for ever
          const done = () => {
            res.off("drain", done);
            res.off("close", done);
            resolve();
          };
          res.on("drain", done);
          res.on("close", done);
        });
  await write(`${head.length > 2 ? `${head.slice(0, -1)},` : "{"}${JSON.stringify(key)}:[`);
  for (let i = 0; i < list.length && !gone(); i += slice) {
    let s = "";
    for (let j = i; j < Math.min(list.length, i + slice); j++) s += `${j ? "," : ""}${JSON.stringify(list[j])}`;
    await write(s);
  }
  if (!gone()) res.end("]}");
}
