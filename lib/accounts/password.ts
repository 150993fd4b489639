import { hash, verify } from "@node-rs/argon2";
import commonPasswords from "fxa-common-password-list";

import { DomainError } from "@/lib/errors";

/**
 * Password hashes computed at once in this process. Each argon2id run holds 19 MiB (the library's
 * defaults, 2 passes: OWASP's recommended minimum) on the thread pool, four at a time by default:
 * 20 shoppers signing in together added 76 MiB to the server's peak, and a flood of sign-ins could
 * take as much as the pool allows. Two keep both cores of a small machine busy; more only queue
 * for the CPU while holding their memory.
 */
export const HASHES_AT_ONCE = 2;

let running = 0;
const waiting: (() => void)[] = [];

/** Runs `work` when fewer than HASHES_AT_ONCE hashes are running; the others wait in turn. */
async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (running >= HASHES_AT_ONCE) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await work();
  } finally {
    // The slot passes straight to the next in line, so `running` counts it still.
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

/** How many hashes run now and how many wait (tests read it). */
export const passwordHashLoad = () => ({ running, waiting: waiting.length });

export function hashPassword(password: string): Promise<string> {
  return inTurn(() => hash(password));
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await inTurn(() => verify(passwordHash, password));
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
  dummyHash ??= hashPassword("cartwright-timing-equaliser");
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
