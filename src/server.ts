import http from "node:http";
import { loadConfigOrExit } from "./config";

// The only place that starts things: config, database, migrations, demo data, HTTP, shutdown.
async function main() {
  const config = loadConfigOrExit(process.env);
  // Loaded only once the configuration is known to be good, so a mistyped variable is reported at
  // once rather than after every module (and its dependencies) has loaded. require, not import():
  // a dynamic import would need tsx's ESM hooks, and the server also runs under tsx/cjs alone.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { createApp } = require("./app") as typeof import("./app");
  const { createDb, dialectOf } = require("./db/knex") as typeof import("./db/knex");
  const { jsonLogger } = require("./http/logger") as typeof import("./http/logger");
  const { systemClock } = require("./shared/dates") as typeof import("./shared/dates");
  const { prepareDatabase } = require("./boot") as typeof import("./boot");
  /* eslint-enable @typescript-eslint/no-require-imports */
  const logger = jsonLogger(config.logLevel);
  const db = createDb(config.database);
  const clock = systemClock;
  const { generatedPassword } = await prepareDatabase(db, config, clock, logger);
  if (generatedPassword) {
    // Printed once: the hash is all the database keeps.
    process.stdout.write(`\nFirst admin created. username: admin  password: ${generatedPassword}\nChange it after signing in (POST /api/v1/me/password).\n\n`);
  }
  const app = createApp({ db, config, clock, logger });
  const backups = app.locals.backups as import("./backup/schedule").Backups;
  const notifier = app.locals.notifier as import("./notify").NotifyWorker;
  // A read-only copy writes nothing of its own: no backups schedule, no notifications.
  if (!config.readOnlyCopy) {
    backups.start();
    notifier.start();
  }
  const installation = app.locals.installation as import("./installation").Installation;
  if ((await installation.warnings()).includes("public_base_url_loopback")) {
    logger.error("PUBLIC_BASE_URL points at this machine", {
      warning: "public_base_url_loopback",
      publicBaseUrl: config.publicBaseUrl,
      fix: "set PUBLIC_BASE_URL to the address residents reach (e.g. http://192.168.1.20:3000 or https://soquy.example.vn): the QR codes printed on statements lead there",
    });
  }
  const server = http.createServer(app);
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === "object" && addr ? addr.port : config.port;
  logger.info("listening", { url: `http://${config.host}:${port}`, database: dialectOf(db) });
  process.stdout.write(`Sổ quỹ minh bạch is listening on http://${config.host}:${port} (${dialectOf(db)})\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info("shutting down", { signal });
    backups.stop();
    void notifier.stop();
    // Stop accepting, let in-flight requests finish, then close the database.
    server.close(async () => {
      await notifier.stop();
      await db.destroy();
      process.exit(0);
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

/**
 * One line about why start-up failed. knex puts the statement, with its values, in front of the
 * database's message ("insert into users ... values (..., 'scrypt$...') - UNIQUE constraint
 * failed"): keep only the database's part, so no value written (a password hash) reaches the log.
 */
function reason(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  const m = /^\s*(?:insert|update|delete|select|with|create|alter|drop)\b[\s\S]* - ([^\n]*)$/i.exec(msg);
  return (m ? m[1] : msg).split("\n")[0];
}

main().catch((err) => {
  process.stderr.write(`start-up failed: ${reason(err)}\n`);
  process.exit(1);
});
