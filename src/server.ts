import http from "node:http";
import { createApp } from "./app";
import { ConfigError, loadConfig } from "./config";
import { createDb, dialectOf } from "./db/knex";
import { jsonLogger } from "./http/logger";
import { systemClock } from "./shared/dates";
import { prepareDatabase } from "./boot";

// The only place that starts things: config, database, migrations, demo data, HTTP, shutdown.
async function main() {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`configuration error: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const logger = jsonLogger(config.logLevel);
  const db = createDb(config.database);
  const clock = systemClock;
  const { generatedPassword } = await prepareDatabase(db, config, clock, logger);
  if (generatedPassword) {
    // Printed once: the hash is all the database keeps.
    process.stdout.write(`\nFirst admin created. username: admin  password: ${generatedPassword}\nChange it after signing in (POST /api/v1/me/password).\n\n`);
  }
  const app = createApp({ db, config, clock, logger });
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
    // Stop accepting, let in-flight requests finish, then close the database.
    server.close(async () => {
      await db.destroy();
      process.exit(0);
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((err) => {
  process.stderr.write(`start-up failed: ${err?.message ?? err}\n`);
  process.exit(1);
});
