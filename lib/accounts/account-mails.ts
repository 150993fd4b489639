import type { Tx } from "@/db";
import { env } from "@/lib/env";
import {
  changeEmailMail,
  emailChangeNoticeMail,
  enqueue,
  passwordResetMail,
  verifyEmailMail,
} from "@/lib/notifications";

import { issueToken } from "./tokens";

type Recipient = { id: string; email: string; name: string };

/** Issues a verification token and queues its mail, in the caller's transaction. */
export async function queueVerificationMail(tx: Tx, user: Recipient, now = new Date()) {
  const { id, token } = await issueToken(tx, user.id, "verify_email", user.email, now);
  const link = `${env().PUBLIC_URL}/verify-email?token=${token}`;
  await enqueue(
    tx,
    {
      ...verifyEmailMail(user.name, link),
      eventKey: `verify-email.${id}`,
      kind: "verify-email",
      to: { address: user.email, name: user.name },
      sensitive: true,
    },
    now,
  );
}

/**
 * An email change: a token mailed to the new address (it takes effect when confirmed) and a
 * notice to the old one, so the owner learns of a change they did not ask for.
 */
export async function queueEmailChangeMails(
  tx: Tx,
  user: Recipient,
  newEmail: string,
  now = new Date(),
) {
  const { id, token } = await issueToken(tx, user.id, "change_email", newEmail, now);
  const link = `${env().PUBLIC_URL}/verify-email?token=${token}`;
  await enqueue(
    tx,
    {
      ...changeEmailMail(user.name, link),
      eventKey: `email-change.${id}`,
      kind: "email-change",
      to: { address: newEmail, name: user.name },
      sensitive: true,
    },
    now,
  );
  await enqueue(
    tx,
    {
      ...emailChangeNoticeMail(user.name, newEmail),
      eventKey: `email-change-notice.${id}`,
      kind: "email-change-notice",
      to: { address: user.email, name: user.name },
    },
    now,
  );
}

/** Issues a password-reset token and queues its mail, in the caller's transaction. */
export async function queueResetMail(tx: Tx, user: Recipient, now = new Date()) {
  const { id, token } = await issueToken(tx, user.id, "password_reset", user.email, now);
  const link = `${env().PUBLIC_URL}/reset-password?token=${token}`;
  await enqueue(
    tx,
    {
      ...passwordResetMail(user.name, link),
      eventKey: `password-reset.${id}`,
      kind: "password-reset",
      to: { address: user.email, name: user.name },
      sensitive: true,
    },
    now,
  );
}
