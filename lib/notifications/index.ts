// The notifications module's front door: the outbox (queue a mail inside the caller's write
// transaction), the sender that drains it, and the mails themselves. It imports no other module
// of lib/: callers hand it plain values.
export {
  OUTBOX,
  backoffMs,
  enqueue,
  listOutbox,
  messageIdFor,
  outboxDepth,
  retryMessage,
  scrubExpiredSecrets,
  type OutboxPage,
  type OutboxRow,
  type OutboxStatus,
  type OutgoingMail,
} from "./outbox";
export {
  deliverDue,
  SENDER_POLL_MS,
  senderFaults,
  startOutboxSender,
  stopOutboxSender,
  transportFromEnv,
  type DeliveryCounts,
} from "./sender";
export { fileTransport, smtpTransport, type Envelope, type MailTransport } from "./transport";
export {
  changeEmailMail,
  emailChangeNoticeMail,
  orderCancelledMail,
  orderConfirmationMail,
  orderShippedMail,
  passwordResetMail,
  verifyEmailMail,
  type OrderForMail,
} from "./mails";
export { oneLine, STORE_NAME, type MailContent } from "./render";
export * from "./schemas";
