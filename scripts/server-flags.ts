/**
 * The V8 heap every server process runs with (decision 026): `npm start` (package.json, which
 * cannot import this, so scripts/server-flags.test.ts holds it to the same), `npm run cluster`
 * and the benchmarks that start servers of their own.
 */
export const SERVER_HEAP_FLAGS = ["--max-old-space-size=128", "--max-semi-space-size=4"];
