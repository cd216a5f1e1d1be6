// A tiny structured logger: one JSON line per event on stderr. Never given secrets.
export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export function jsonLogger(level: "silent" | "info" = "info"): Logger {
  const write = (lvl: string, msg: string, fields?: Record<string, unknown>) =>
    process.stderr.write(JSON.stringify({ at: new Date().toISOString(), level: lvl, msg, ...fields }) + "\n");
  return {
    info: (msg, fields) => level === "info" && write("info", msg, fields),
    error: (msg, fields) => write("error", msg, fields),
  };
}

export const silentLogger: Logger = { info() {}, error() {} };
