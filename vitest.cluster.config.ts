import path from "node:path";

import { defineConfig } from "vitest/config";

/**
 * The cluster test (cluster/): real copies of the built store behind real nginx. Run by `npm test`
 * after the build, on its own (it needs the build and takes the machine for a minute).
 */
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["cluster/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    testTimeout: 90_000,
    hookTimeout: 90_000,
  },
});
