/**
 * One copy of the app's API in a process of its own, on a database file shared with another
 * copy (tests/photos-two-processes.test.ts): the production server's Node ↔ Fetch bridge and
 * router on a free loopback port, printed as the first line of output.
 */
import { createServer } from "node:http";

import { useDatabase } from "@/db";
import { apiRouter } from "@/lib/api";
import { parseTrustProxy } from "@/lib/env";
import { createNodeHandler, dispatch } from "@/lib/http";

const [url] = process.argv.slice(2);
useDatabase(url!);

const handler = createNodeHandler({
  trustProxy: parseTrustProxy("false"),
  route: (pathname) => (pathname.startsWith("/api/v1") ? (req) => dispatch(apiRouter, req) : null),
  fallback: (_req, res) => {
    res.statusCode = 404;
    res.end();
  },
});
const server = createServer(handler);
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(
    `${JSON.stringify({ port: typeof address === "object" && address?.port })}\n`,
  );
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
