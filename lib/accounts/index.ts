// The accounts module's front door: users, sessions and sign-in. Nothing outside lib/accounts
// imports its inner files.
export {
  authenticate,
  createSession,
  ensureAdmin,
  getSessionUser,
  getUserById,
  registerUser,
  revokeSession,
  SESSION_TTL_MS,
  THROTTLE,
  toUserDto,
  type User,
} from "./service";
export {
  decodeSessionCookie,
  encodeSessionCookie,
  readCookie,
  serializeCookie,
  sessionCookieName,
  type SessionClaims,
} from "./session-cookie";
export * from "./schemas";
