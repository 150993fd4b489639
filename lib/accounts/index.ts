// The accounts module's front door: users, sessions and sign-in. Nothing outside lib/accounts
// imports its inner files.
export {
  decodeSessionCookie,
  encodeSessionCookie,
  readCookie,
  serializeCookie,
  sessionCookieName,
  type SessionClaims,
} from "./session-cookie";
export {
  createSession,
  deleteDeadSessions,
  getSessionUser,
  revokeSession,
  SESSION_IDLE_MS,
  SESSION_TTL_MS,
} from "./sessions";
export { authenticate, THROTTLE } from "./sign-in";
export { ensureAdmin, getContact, registerUser, type User } from "./users";
export * from "./schemas";
export {
  createAddress,
  deleteAddress,
  getSavedAddress,
  listAddresses,
  updateAddress,
  type SavedAddress,
} from "./addresses";
export {
  changePassword,
  confirmPasswordReset,
  MAIL_THROTTLE,
  requestEmailChange,
  requestPasswordReset,
  resendVerification,
  revokeAllSessions,
  updateProfile,
  verifyEmail,
} from "./recovery";
