import { describe, expect, it } from "vitest";

import { getClient } from "@/db";
import { asDomainError } from "@/lib/errors";

describe("a read that met SQLITE_BUSY", () => {
  it("is UNAVAILABLE (503) for every adapter, and its poisoned read connections are replaced", async () => {
    const before = getClient();
    const busy = Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" });
    const answer = asDomainError(busy);
    expect(answer?.code).toBe("UNAVAILABLE");
    expect(answer?.details.retryAfterSeconds).toBe(1);
    expect(getClient()).not.toBe(before);
    // The store goes on reading through the fresh connections.
    expect((await getClient().execute("SELECT 1 AS one")).rows[0]?.one).toBe(1);
  });
});
