import { createHash, randomBytes } from "node:crypto";

/** An opaque id with a readable prefix (`usr_…`, `prd_…`): 16 random bytes, URL-safe. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(16).toString("base64url")}`;
}

/** A secret for a client to hold (session tokens); only its hash is stored. */
export function newSecretToken(): string {
  return randomBytes(32).toString("base64url");
}

export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}
