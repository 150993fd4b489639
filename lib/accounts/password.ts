import { hash, verify } from "@node-rs/argon2";
import commonPasswords from "fxa-common-password-list";

import { DomainError } from "@/lib/errors";

// argon2id with the library's defaults (19 MiB, 2 passes): OWASP's recommended minimum.
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * Verifying against this when the email is unknown makes both failures cost the same time, so the
 * answer's timing does not tell which emails have accounts.
 */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hash("cartwright-timing-equaliser");
  return dummyHash;
}

/**
 * Whether a password is among the 50,000 most common (Mozilla's list from Firefox Accounts,
 * `fxa-common-password-list`, MPL-2.0), as typed or lower-cased: ASVS 2.1.7. The list stays on
 * the server (schemas.ts, which forms also load, checks only the length).
 */
export function isCommonPassword(password: string): boolean {
  return commonPasswords.test(password) || commonPasswords.test(password.toLowerCase());
}

/** Refuses a new password from the common list, at the field that holds it. */
export function assertUncommonPassword(password: string, path: string): void {
  if (isCommonPassword(password)) {
    throw new DomainError("VALIDATION", "This password is too common.", {
      errors: [{ path, message: PASSWORD_TOO_COMMON }],
    });
  }
}

export const PASSWORD_TOO_COMMON =
  "This password is one of the most common ones; choose one that is harder to guess";
