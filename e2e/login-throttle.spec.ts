import { expect, test } from "./fixtures";

// Runs after every other spec (playwright.config.ts): it locks this machine's address out of
// signing in for the rest of the window.
test("a forged X-Forwarded-For does not escape the per-address login limit", async ({
  request,
}) => {
  // The limit is 30 failures per address per 15 minutes; forged addresses must all count as ours.
  let last = 0;
  for (let i = 0; i < 31; i++) {
    const res = await request.post("/api/v1/auth/login", {
      data: { email: `forged-${i}@example.com`, password: "wrong-password" },
      headers: { "x-forwarded-for": `198.51.100.${i}` },
    });
    last = res.status();
    if (last === 429) break;
  }
  expect(last).toBe(429);
});
