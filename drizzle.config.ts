import { defineConfig } from "drizzle-kit";

export default defineConfig({
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  dialect: "sqlite",
  casing: "snake_case",
  dbCredentials: { url: process.env.DATABASE_URL ?? "file:./data/store.db" },
});
