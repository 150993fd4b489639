import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { SERVER_HEAP_FLAGS } from "./server-flags";

describe("the server's heap flags", () => {
  it("are the ones `npm start` runs the server with", () => {
    const start = JSON.parse(readFileSync("package.json", "utf8")).scripts.start as string;
    expect(start).toContain(`node ${SERVER_HEAP_FLAGS.join(" ")} scripts/start.mjs`);
  });
});
