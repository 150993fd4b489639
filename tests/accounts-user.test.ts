import { describe, expect, it } from "vitest";

import { authenticate, getSessionUser, registerUser } from "@/lib/accounts";

describe("the public User", () => {
  it("never carries the password hash, from any function of the accounts module", async () => {
    const registered = await registerUser({
      email: "hash@example.com",
      name: "Hash Free",
      password: "a long enough password",
    });
    const { user: signedIn, token } = await authenticate(
      { email: "hash@example.com", password: "a long enough password" },
      null,
    );
    const bySession = await getSessionUser(token);
    for (const user of [registered, signedIn, bySession]) {
      expect(user).not.toBeNull();
      expect(Object.keys(user!).sort()).toEqual([
        "createdAt",
        "email",
        "emailVerifiedAt",
        "id",
        "name",
        "role",
      ]);
      expect(JSON.stringify(user)).not.toMatch(/argon2/);
    }
  });
});
