import path from "node:path";
import { Worker } from "node:worker_threads";
import type { FromWorker } from "./parse-worker";
import { SheetError, type SheetErrorCode } from "./sheet-error";
import type { ParsedSheet, ParseOptions, SheetRow } from "./types";

// parseSheet in a worker thread. Reading a sheet is seconds of CPU for a large or crafted file, and
// csv-parse and exceljs hand rows over in microtasks, which never let the event loop turn: on the
// main thread every other request would wait for the whole file. A worker per sheet, at most two at
// once, each with a memory ceiling and a time limit past which the sheet is refused, and gone when
// it is done (no idle memory).

export const PARSE_TIMEOUT_MS = 60_000;
const MAX_PARALLEL = 2;
const RESOURCE_LIMITS = { maxOldGenerationSizeMb: 768 };

let running = 0;
const waiting: (() => void)[] = [];

async function inSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (running < MAX_PARALLEL) running++;
  else await new Promise<void>((r) => waiting.push(r)); // the slot is handed over by its holder
  try {
    return await fn();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

/**
 * The worker, from the compiled JavaScript beside this file (npm start), or from the TypeScript
 * sources through tsx's require hook (npm run dev, tests): this file's own extension tells which.
 * execArgv: none of the parent's (V8 heap flags are the process's, not a thread's).
 */
function spawn(): Worker {
  const ext = path.extname(__filename);
  const file = path.join(__dirname, `parse-worker${ext}`);
  const options = { resourceLimits: RESOURCE_LIMITS, execArgv: [], stdout: false, stderr: false };
  if (ext === ".ts") return new Worker(`require(${JSON.stringify(require.resolve("tsx/cjs"))}); require(${JSON.stringify(file)});`, { ...options, eval: true });
  return new Worker(file, options);
}

/** parseSheet's answer and refusals (SheetError), computed off the event loop. */
export function parseSheetOffThread(bytes: Buffer, opts: ParseOptions = {}, timeoutMs = PARSE_TIMEOUT_MS): Promise<ParsedSheet> {
  return inSlot(
    () =>
      new Promise<ParsedSheet>((resolve, reject) => {
        const worker = spawn();
        const rows: SheetRow[] = [];
        let settled = false;
        const end = (err: Error | null, value?: ParsedSheet) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          void worker.terminate();
          if (err) reject(err);
          else resolve(value!);
        };
        const timer = setTimeout(() => end(new SheetError("sheet_too_complex", { reason: "too_slow", limit: `${timeoutMs / 1000} s` })), timeoutMs);
        worker.on("message", (m: FromWorker) => {
          if ("rows" in m) for (const r of m.rows) rows.push(r as SheetRow);
          else if ("done" in m) end(null, { ...(m.done as Omit<ParsedSheet, "rows">), rows });
          else if ("refused" in m) end(new SheetError(m.refused.code as SheetErrorCode, m.refused.params));
          else end(new Error(`reading the sheet failed: ${m.failed}`));
        });
        worker.on("messageerror", (err) => end(err));
        worker.on("error", (err: Error & { code?: string }) =>
          end(err.code === "ERR_WORKER_OUT_OF_MEMORY" ? new SheetError("sheet_too_complex", { reason: "too_much_memory" }) : err),
        );
        worker.on("exit", (code) => end(new Error(`the sheet reader stopped (exit code ${code})`)));
        const copy = new Uint8Array(bytes); // the caller keeps its own bytes; this copy moves to the worker
        worker.postMessage({ bytes: copy, opts }, [copy.buffer]);
      }),
  );
}
