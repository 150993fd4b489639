import { and, eq, isNull } from "drizzle-orm";

import { getDb, isUniqueViolation, writeTransaction } from "@/db";
import { accountTokens, loginAttempts, users } from "@/db/schema";
import { DomainError } from "@/lib/errors";

import { queueEmailChangeMails, queueResetMail, queueVerificationMail } from "./account-mails";
import { assertUncommonPassword, hashPassword, verifyPassword } from "./password";
import type {
  ChangeEmailInput,
  ChangePasswordInput,
  PasswordResetConfirm,
  PasswordResetRequest,
  UpdateProfileInput,
} from "./schemas";
import { countAttempt } from "@/lib/limits";
import { endUserSessions } from "./revoke";
import { consumeToken, invalidToken, isLiveToken } from "./tokens";
import { type User, userColumns } from "./users";

/** Mail requests allowed per window: per address asked for, and per client address. */
export const MAIL_THROTTLE = {
  windowMs: 60 * 60 * 1000,
  perEmail: 3,
  perClient: 20,
} as const;

/**
 * "Forgot password": counts the request against the email and the client address, and, when an
 * account has that email, issues a token and queues the mail — all in one transaction, so a known
 * and an unknown email cost the same one write and answer the same.
 */
export async function requestPasswordReset(
  input: PasswordResetRequest,
  clientAddress: string | null,
): Promise<void> {
  await writeTransaction(async (tx) => {
    await countAttempt(
      tx,
      [
        { key: `reset:acct:${input.email}`, limit: MAIL_THROTTLE.perEmail },
        ...(clientAddress
          ? [{ key: `reset:ip:${clientAddress}`, limit: MAIL_THROTTLE.perClient }]
          : []),
      ],
      MAIL_THROTTLE.windowMs,
      "Too many password reset requests. Try again later.",
    );
    const [user] = await tx
      .select({ id: users.id, email: users.email, name: users.name })
      .from(users)
      .where(eq(users.email, input.email))
      .limit(1);
    if (user) await queueResetMail(tx, user);
  });
}

/**
 * Sets a new password from a mailed token: the token is used up, every session of the user ends,
 * every other reset link of theirs dies, and the mailbox counts as verified (they read the mail).
 */
export async function confirmPasswordReset(input: PasswordResetConfirm): Promise<void> {
  // A guessed token costs a read, never a password hash (slow on purpose, so an open door to the
  // CPU). The hash runs before the transaction, which stays short and checks the token again.
  if (!(await isLiveToken(input.token, "password_reset"))) throw invalidToken();
  assertUncommonPassword(input.password, "password");
  const passwordHash = await hashPassword(input.password);
  await writeTransaction(async (tx) => {
    const now = new Date();
    const token = await consumeToken(tx, input.token, "password_reset", now);
    const [user] = await tx
      .select({ email: users.email, verified: users.emailVerifiedAt })
      .from(users)
      .where(eq(users.id, token.userId));
    await tx
      .update(users)
      .set({
        passwordHash,
        ...(!user?.verified && user?.email === token.email ? { emailVerifiedAt: now } : {}),
      })
      .where(eq(users.id, token.userId));
    await endUserSessions(tx, token.userId, { now });
    await tx
      .update(accountTokens)
      .set({ usedAt: now })
      .where(
        and(
          eq(accountTokens.userId, token.userId),
          eq(accountTokens.purpose, "password_reset"),
          isNull(accountTokens.usedAt),
        ),
      );
    // A locked-out owner who just proved the mailbox is theirs may sign in at once.
    if (user) await tx.delete(loginAttempts).where(eq(loginAttempts.key, `acct:${user.email}`));
  });
}

/**
 * A mailed email link: a verification marks the email verified (if the account still has the
 * address it went to); an email change's link makes its address the account's, verified. An
 * address another account took meanwhile is a 409, and the link stays unused.
 */
export async function verifyEmail(tokenValue: string): Promise<void> {
  try {
    await writeTransaction(async (tx) => {
      const now = new Date();
      const token = await consumeToken(tx, tokenValue, ["verify_email", "change_email"], now);
      if (token.purpose === "change_email") {
        await tx
          .update(users)
          .set({ email: token.email, emailVerifiedAt: now })
          .where(eq(users.id, token.userId));
      } else {
        await tx
          .update(users)
          .set({ emailVerifiedAt: now })
          .where(and(eq(users.id, token.userId), eq(users.email, token.email)));
      }
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw emailTaken();
    throw e;
  }
}

const emailTaken = () =>
  new DomainError("EMAIL_TAKEN", "An account with this email already exists.", {
    errors: [{ path: "email", message: "An account with this email already exists" }],
  });

/**
 * Asks to move the account to another address: needs the password; mails a link to the new
 * address (the change happens when it is confirmed) and a notice to the old one. 3 an hour.
 */
export async function requestEmailChange(user: User, input: ChangeEmailInput): Promise<void> {
  if (input.email === user.email) {
    throw new DomainError("VALIDATION", "That is already your email address.", {
      errors: [{ path: "email", message: "That is already your email address" }],
    });
  }
  await writeTransaction((tx) =>
    countAttempt(
      tx,
      [{ key: `emailchange:${user.id}`, limit: MAIL_THROTTLE.perEmail }],
      MAIL_THROTTLE.windowMs,
      "Too many email changes. Try again later.",
    ),
  );
  const [row] = await getDb()
    .select({ hash: users.passwordHash })
    .from(users)
    .where(eq(users.id, user.id));
  if (!row || !(await verifyPassword(row.hash, input.password))) {
    throw new DomainError("VALIDATION", "The password is not correct.", {
      errors: [{ path: "password", message: "The password is not correct" }],
    });
  }
  await writeTransaction(async (tx) => {
    const [taken] = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, input.email))
      .limit(1);
    if (taken) throw emailTaken();
    await queueEmailChangeMails(tx, user, input.email);
  });
}

/** Sends the verification mail again (throttled per user); 409 once verified. */
export async function resendVerification(user: User): Promise<void> {
  await writeTransaction(async (tx) => {
    const [row] = await tx
      .select({ verified: users.emailVerifiedAt })
      .from(users)
      .where(eq(users.id, user.id));
    if (row?.verified) throw new DomainError("CONFLICT", "Your email address is already verified.");
    await countAttempt(
      tx,
      [{ key: `verify:acct:${user.id}`, limit: MAIL_THROTTLE.perEmail }],
      MAIL_THROTTLE.windowMs,
      "Too many verification mails. Try again later.",
    );
    await queueVerificationMail(tx, user);
  });
}

export async function updateProfile(userId: string, input: UpdateProfileInput): Promise<User> {
  const [user] = await writeTransaction((tx) =>
    tx.update(users).set({ name: input.name }).where(eq(users.id, userId)).returning(userColumns),
  );
  if (!user) throw new DomainError("NOT_FOUND", "No such user.");
  return user;
}

/**
 * Changes the password of a signed-in user who knows the current one; every other session ends
 * (the one making the change stays signed in). Wrong current password: 400 on that field.
 */
export async function changePassword(
  userId: string,
  currentSessionToken: string,
  input: ChangePasswordInput,
): Promise<void> {
  assertUncommonPassword(input.newPassword, "newPassword");
  // A stolen session must not become a way to guess the password: 5 tries per 15 minutes.
  await writeTransaction((tx) =>
    countAttempt(
      tx,
      [{ key: `pwchange:${userId}`, limit: 5 }],
      15 * 60 * 1000,
      "Too many password changes. Try again later.",
    ),
  );
  const [row] = await getDb()
    .select({ hash: users.passwordHash })
    .from(users)
    .where(eq(users.id, userId));
  if (!row || !(await verifyPassword(row.hash, input.currentPassword))) {
    throw new DomainError("VALIDATION", "The current password is not correct.", {
      errors: [{ path: "currentPassword", message: "The current password is not correct" }],
    });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await writeTransaction(async (tx) => {
    // Only if the password is still the one just checked: a racing change wins, this one fails.
    const res = await tx
      .update(users)
      .set({ passwordHash })
      .where(and(eq(users.id, userId), eq(users.passwordHash, row.hash)));
    if (res.rowsAffected !== 1)
      throw new DomainError("CONFLICT", "Your password changed meanwhile. Sign in again.");
    await endUserSessions(tx, userId, { keep: currentSessionToken });
  });
}

/** "Sign out everywhere": every session of the user ends, this one included. */
export async function revokeAllSessions(userId: string): Promise<void> {
  await writeTransaction((tx) => endUserSessions(tx, userId));
}
