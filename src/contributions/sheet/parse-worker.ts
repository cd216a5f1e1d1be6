import os from "node:os";
import { parentPort } from "node:worker_threads";
import { parseSheet } from "./parse";
import { SheetError } from "./sheet-error";
import type { ParseOptions } from "./types";

// The worker thread side of off-thread.ts: parses one sheet and posts it back, its rows a slice per
// message, so the main thread takes each slice between other requests instead of one long copy.

export const SLICE = 2000;

export type FromWorker =
  | { rows: unknown[] }
  | { done: Record<string, unknown> }
  | { refused: { code: string; params: Record<string, unknown> } }
  | { failed: string };

const port = parentPort;
if (port) {
  // Requests come first: on Linux a thread's nice value is its own, so this lowers only this reader.
  try {
    os.setPriority(10);
  } catch {
    // not allowed here: the reader runs at the server's priority
  }
  port.once("message", async (msg: { bytes: Uint8Array; opts: ParseOptions }) => {
    const send = (m: FromWorker) => port.postMessage(m);
    try {
      const sheet = await parseSheet(Buffer.from(msg.bytes.buffer, msg.bytes.byteOffset, msg.bytes.byteLength), msg.opts);
      const { rows, ...head } = sheet;
      for (let i = 0; i < rows.length; i += SLICE) send({ rows: rows.slice(i, i + SLICE) });
      send({ done: head });
    } catch (err) {
      if (err instanceof SheetError) send({ refused: { code: err.code, params: err.params } });
      else send({ failed: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    }
  });
}
