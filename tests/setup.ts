import path from "node:path";

import { afterEach, beforeEach } from "vitest";

import { dropTestDatabase, openTestDatabase } from "./db";

// Registered in vitest.config.ts (setupFiles): a fresh database for every integration test, made
// before it and deleted after it. Unit tests next to the code in lib/ use no database and get none.
const isIntegrationTest = (file: string) =>
  path.relative(process.cwd(), file).split(path.sep)[0] === "tests";

beforeEach(async ({ task }) => {
  if (isIntegrationTest(task.file.filepath)) await openTestDatabase();
});

afterEach(() => {
  dropTestDatabase();
});
