import { rmSync } from "node:fs";

/**
 * The end-to-end run's own store: a fresh database with the demo data and a known admin, on its
 * own port, so e2e specs never touch a developer's data.
 */
const port = process.env.E2E_PORT ?? "3100";
rmSync("data/e2e", { recursive: true, force: true });
Object.assign(process.env, {
  PORT: port,
  DATABASE_URL: "file:./data/e2e/store.db",
  DATA_DIR: "./data/e2e",
  ADMIN_EMAIL: "admin@example.com",
  ADMIN_PASSWORD: "admin-password-123",
  // One JSON line per request would bury Playwright's own report.
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
});
await import("./start");
