import { z } from "zod";

import {
  ChangeEmailSchema,
  requestEmailChange,
  AddressParamsSchema,
  ChangePasswordSchema,
  changePassword,
  confirmPasswordReset,
  createAddress,
  deleteAddress,
  listAddresses,
  PasswordResetConfirmSchema,
  PasswordResetRequestSchema,
  requestPasswordReset,
  resendVerification,
  revokeAllSessions,
  SavedAddressInputSchema,
  SavedAddressPatchSchema,
  updateAddress,
  updateProfile,
  UpdateProfileSchema,
  verifyEmail,
  VerifyEmailSchema,
  authenticate,
  registerUser,
  revokeSession,
  SESSION_TTL_MS,
  LoginSchema,
  RegisterSchema,
  encodeSessionCookie,
  serializeCookie,
  sessionCookieName,
  readCookie,
} from "@/lib/accounts";
import { GUEST_CART_COOKIE, getCartItemCount, parseGuestCartId } from "@/lib/cart";
import { endpoint, json, noContent, problemSpec } from "@/lib/http";

import { SavedAddressSchema, toSavedAddressDto, toUserDto, UserSchema } from "./dto/accounts";

const UserEnvelope = z.object({ user: UserSchema });
const LoginAnswer = z.object({ token: z.string(), user: UserSchema }).meta({ id: "LoginAnswer" });

export const register = endpoint({
  method: "POST",
  path: "/auth/register",
  tag: "Accounts",
  summary: "Create a customer account",
  access: "public",
  body: RegisterSchema,
  responses: {
    201: { description: "The new account", schema: UserEnvelope },
    400: problemSpec("Invalid fields"),
    409: problemSpec("Email already registered (code EMAIL_TAKEN)"),
    429: problemSpec(
      "Too many new accounts from this client address (LIMIT_REGISTRATIONS_PER_HOUR, 100 an hour); see Retry-After",
    ),
  },
  async handler({ body, clientAddress }) {
    const user = await registerUser(body, clientAddress);
    return json({ user: toUserDto(user) }, 201);
  },
});

export const login = endpoint({
  method: "POST",
  path: "/auth/login",
  tag: "Accounts",
  summary: "Sign in: answers a bearer token and sets the session cookie",
  access: "public",
  body: LoginSchema,
  responses: {
    200: { description: "Signed in", schema: LoginAnswer, headers: ["Set-Cookie"] },
    401: problemSpec("Unknown email or wrong password (one answer for both)"),
    429: problemSpec("Too many failed attempts for this account or address; see Retry-After"),
  },
  async handler({ body, clientAddress, secure }) {
    const { user, token } = await authenticate(body, clientAddress);
    const cookie = await encodeSessionCookie(
      { sub: user.id, sid: token, name: user.name, email: user.email, role: user.role },
      secure,
    );
    return json({ token, user: toUserDto(user) }, 200, {
      "set-cookie": serializeCookie(sessionCookieName(secure), cookie, {
        secure,
        maxAgeSeconds: SESSION_TTL_MS / 1000,
      }),
    });
  },
});

export const logout = endpoint({
  method: "POST",
  path: "/auth/logout",
  tag: "Accounts",
  summary: "Revoke the caller's session (bearer token and cookie alike)",
  access: "user",
  responses: {
    204: { description: "Signed out; the session cookie is cleared", headers: ["Set-Cookie"] },
    401: problemSpec("Not signed in"),
  },
  async handler({ session, secure }) {
    await revokeSession(session.token);
    return noContent({
      "set-cookie": serializeCookie(sessionCookieName(secure), "", { secure, maxAgeSeconds: 0 }),
    });
  },
});

export const me = endpoint({
  method: "GET",
  path: "/me",
  tag: "Accounts",
  summary: "The signed-in user",
  access: "user",
  responses: {
    200: { description: "The caller", schema: UserEnvelope },
    401: problemSpec("Not signed in"),
  },
  async handler({ user }) {
    return json({ user: toUserDto(user) });
  },
});

const ShopperSession = z
  .object({
    user: UserSchema.nullable(),
    cartItemCount: z.number().int().min(0),
  })
  .meta({ id: "ShopperSession" });

/**
 * What the storefront's header shows, for pages that are cached for everyone (decision 025): the
 * browser asks for it after the page arrives. A guest's count is their cart cookie's.
 */
export const shopperSession = endpoint({
  method: "GET",
  path: "/session",
  tag: "Accounts",
  summary:
    "Who is shopping: the signed-in user (null for a guest) and the number of items in their cart",
  access: "optional",
  responses: { 200: { description: "The caller's session", schema: ShopperSession } },
  async handler({ user, req }) {
    const cartItemCount = await getCartItemCount(
      user
        ? { userId: user.id }
        : {
            guestCartId: parseGuestCartId(readCookie(req.headers.get("cookie"), GUEST_CART_COOKIE)),
          },
    );
    return json({ user: user ? toUserDto(user) : null, cartItemCount });
  },
});

const Accepted = z
  .object({ status: z.literal("accepted"), detail: z.string() })
  .meta({ id: "Accepted" });

export const passwordResetRequest = endpoint({
  method: "POST",
  path: "/auth/password-reset",
  tag: "Accounts",
  summary:
    "Ask for a password reset link by mail. The same 202 whether or not an account has the email",
  access: "public",
  body: PasswordResetRequestSchema,
  responses: {
    202: { description: "Accepted (a mail is sent only if the account exists)", schema: Accepted },
    400: problemSpec("Not an email address"),
    429: problemSpec(
      "Too many requests for this email (3 an hour) or from this client address (20 an hour); see Retry-After",
    ),
  },
  async handler({ body, clientAddress }) {
    await requestPasswordReset(body, clientAddress);
    return json(
      {
        status: "accepted",
        detail: "If an account uses this email address, we sent it a link to reset the password.",
      },
      202,
    );
  },
});

export const passwordResetConfirm = endpoint({
  method: "POST",
  path: "/auth/password-reset/confirm",
  tag: "Accounts",
  summary:
    "Set a new password with the token from the mailed link (single use, 1 hour); every session of the account is revoked",
  access: "public",
  body: PasswordResetConfirmSchema,
  responses: {
    204: { description: "Password changed; sign in with it" },
    400: problemSpec("Bad, used or expired token (errors[0].path is token), or a weak password"),
  },
  async handler({ body }) {
    await confirmPasswordReset(body);
    return noContent();
  },
});

export const verifyEmailEndpoint = endpoint({
  method: "POST",
  path: "/auth/verify-email",
  tag: "Accounts",
  summary: "Confirm the account's email with the token from the mailed link (single use, 24 hours)",
  access: "public",
  body: VerifyEmailSchema,
  responses: {
    204: {
      description:
        "The email is verified (user.emailVerified is true); for an email change's link, the account's email is now the new one",
    },
    400: problemSpec("Bad, used or expired token"),
    409: problemSpec("Email change: another account took that address meanwhile (EMAIL_TAKEN)"),
  },
  async handler({ body }) {
    await verifyEmail(body.token);
    return noContent();
  },
});

export const resendVerificationEndpoint = endpoint({
  method: "POST",
  path: "/me/verification-email",
  tag: "Accounts",
  summary: "Send the email verification link again",
  access: "user",
  responses: {
    202: { description: "Queued", schema: Accepted },
    401: problemSpec("Not signed in"),
    409: problemSpec("Already verified"),
    429: problemSpec("More than 3 an hour; see Retry-After"),
  },
  async handler({ user }) {
    await resendVerification(user);
    return json({ status: "accepted", detail: `We sent a new link to ${user.email}.` }, 202);
  },
});

export const updateMe = endpoint({
  method: "PATCH",
  path: "/me",
  tag: "Accounts",
  summary: "Change the caller's name",
  access: "user",
  body: UpdateProfileSchema,
  responses: {
    200: { description: "The caller", schema: UserEnvelope },
    400: problemSpec("Empty, overlong or control characters in the name"),
    401: problemSpec("Not signed in"),
  },
  async handler({ user, body }) {
    return json({ user: toUserDto(await updateProfile(user.id, body)) });
  },
});

export const changeEmailEndpoint = endpoint({
  method: "POST",
  path: "/me/email",
  tag: "Accounts",
  summary:
    "Ask to change the account's email: a confirmation link goes to the new address (the change happens when POST /auth/verify-email takes its token) and a notice to the old one",
  access: "user",
  body: ChangeEmailSchema,
  responses: {
    202: { description: "The confirmation link is on its way", schema: Accepted },
    400: problemSpec("Wrong password (errors[0].path is password), or the same or no email"),
    401: problemSpec("Not signed in"),
    409: problemSpec("Another account has that email (code EMAIL_TAKEN)"),
    429: problemSpec("More than 3 an hour; see Retry-After"),
  },
  async handler({ user, body }) {
    await requestEmailChange(user, body);
    return json(
      { status: "accepted", detail: `We sent a link to ${body.email}; open it to confirm.` },
      202,
    );
  },
});

export const changePasswordEndpoint = endpoint({
  method: "POST",
  path: "/me/password",
  tag: "Accounts",
  summary: "Change the password; every other session of the caller is revoked",
  access: "user",
  body: ChangePasswordSchema,
  responses: {
    204: { description: "Changed; this session stays signed in" },
    400: problemSpec("Wrong current password (errors[0].path is currentPassword) or weak new one"),
    401: problemSpec("Not signed in"),
    409: problemSpec("The password changed meanwhile, in another request (code CONFLICT)"),
    429: problemSpec("Too many wrong current passwords; see Retry-After"),
  },
  async handler({ user, session, body }) {
    await changePassword(user.id, session.token, body);
    return noContent();
  },
});

export const logoutEverywhere = endpoint({
  method: "POST",
  path: "/auth/logout-all",
  tag: "Accounts",
  summary: "Sign out everywhere: every session of the caller is revoked, this one included",
  access: "user",
  responses: {
    204: {
      description: "Signed out everywhere; the session cookie is cleared",
      headers: ["Set-Cookie"],
    },
    401: problemSpec("Not signed in"),
  },
  async handler({ user, secure }) {
    await revokeAllSessions(user.id);
    return noContent({
      "set-cookie": serializeCookie(sessionCookieName(secure), "", { secure, maxAgeSeconds: 0 }),
    });
  },
});

export const revokeSessionsEndpoint = endpoint({
  method: "POST",
  path: "/me/sessions/revoke",
  tag: "Accounts",
  summary:
    "Sign out everywhere: every session of the caller (bearer tokens and browser cookies, on every device) is revoked, this one included",
  access: "user",
  responses: {
    204: { description: "Every session ended; the cookie is cleared", headers: ["Set-Cookie"] },
    401: problemSpec("Not signed in"),
  },
  handler: logoutEverywhere.handler,
});

const AddressList = z.object({ items: z.array(SavedAddressSchema) }).meta({ id: "AddressList" });

export const listAddressesEndpoint = endpoint({
  method: "GET",
  path: "/me/addresses",
  tag: "Accounts",
  summary: "The caller's address book, the default first",
  access: "user",
  responses: {
    200: { description: "Every saved address (at most 20)", schema: AddressList },
    401: problemSpec("Not signed in"),
  },
  async handler({ user }) {
    return json({ items: (await listAddresses(user.id)).map(toSavedAddressDto) });
  },
});

export const createAddressEndpoint = endpoint({
  method: "POST",
  path: "/me/addresses",
  tag: "Accounts",
  summary: "Save an address (the first is the default; isDefault makes another one the default)",
  access: "user",
  body: SavedAddressInputSchema,
  responses: {
    201: { description: "The saved address", schema: SavedAddressSchema },
    400: problemSpec("Invalid fields"),
    401: problemSpec("Not signed in"),
    409: problemSpec("Already 20 addresses (code CONFLICT)"),
  },
  async handler({ user, body }) {
    return json(toSavedAddressDto(await createAddress(user.id, body)), 201);
  },
});

export const updateAddressEndpoint = endpoint({
  method: "PATCH",
  path: "/me/addresses/{id}",
  tag: "Accounts",
  summary: "Change fields of a saved address",
  access: "user",
  params: AddressParamsSchema,
  body: SavedAddressPatchSchema,
  responses: {
    200: { description: "The address", schema: SavedAddressSchema },
    400: problemSpec("Invalid fields"),
    401: problemSpec("Not signed in"),
    404: problemSpec("No such address of the caller's"),
  },
  async handler({ user, params, body }) {
    return json(toSavedAddressDto(await updateAddress(user.id, params.id!, body)));
  },
});

export const deleteAddressEndpoint = endpoint({
  method: "DELETE",
  path: "/me/addresses/{id}",
  tag: "Accounts",
  summary: "Delete a saved address (orders keep their own copy)",
  access: "user",
  params: AddressParamsSchema,
  responses: {
    204: { description: "Deleted" },
    401: problemSpec("Not signed in"),
    404: problemSpec("No such address of the caller's"),
  },
  async handler({ user, params }) {
    await deleteAddress(user.id, params.id!);
    return noContent();
  },
});

export const accountEndpoints = [
  register,
  login,
  logout,
  logoutEverywhere,
  revokeSessionsEndpoint,
  passwordResetRequest,
  passwordResetConfirm,
  verifyEmailEndpoint,
  me,
  shopperSession,
  updateMe,
  changePasswordEndpoint,
  changeEmailEndpoint,
  resendVerificationEndpoint,
  listAddressesEndpoint,
  createAddressEndpoint,
  updateAddressEndpoint,
  deleteAddressEndpoint,
];
