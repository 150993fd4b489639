import { z } from "zod";

import { pageLimitSchema } from "@/lib/paging";
import { passesLuhn } from "@/lib/payments/schemas";

import { COUNTRY_CODES } from "./countries";

/**
 * ISO 3166-1 alpha-2, upper case, as the address forms' country list sends it. An enum rather than
 * a pattern and a check, so the API document lists exactly the codes the server takes.
 */
export const CountrySchema = z
  .enum(COUNTRY_CODES, { error: "Use a two-letter country code, e.g. US" })
  .meta({ id: "CountryCode" });

/**
 * No control characters (Unicode's Cc: U+0000–U+001F, U+007F–U+009F). Written as a range rather
 * than \p{Cc}: the API document carries the pattern, and Python's regex engine (and ECMAScript's
 * without the u flag) does not know Unicode property classes.
 */
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const NO_CONTROL_CHARACTERS = /^[^\x00-\x1F\x7F-\x9F]*$/;

const line = (label: string, max: number) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} is too long`)
    // Control characters have no business in an address label.
    .regex(NO_CONTROL_CHARACTERS, `${label} contains invalid characters`);

const optionalLine = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} is too long`)
    .regex(NO_CONTROL_CHARACTERS, `${label} contains invalid characters`)
    // An empty optional field is an absent one.
    .transform((v) => (v ? v : undefined))
    .optional();

export const AddressSchema = z
  .strictObject({
    name: line("Full name", 100),
    line1: line("Address line 1", 200),
    line2: optionalLine("Address line 2", 200),
    city: line("City", 100),
    region: optionalLine("Region", 100),
    postalCode: line("Postal code", 20).regex(
      /^[A-Za-z0-9][A-Za-z0-9 -]*$/,
      "Postal code has invalid characters",
    ),
    country: CountrySchema,
  })
  .meta({ id: "Address" });
export type Address = z.infer<typeof AddressSchema>;

/** Spaces and dashes are how people type card numbers; the Luhn check catches typos (400). */
export const CardNumberSchema = z
  .string({ error: "Card number is required" })
  .max(40, "Card number is too long")
  .transform((v) => v.replace(/[\s-]/g, ""))
  .refine((v) => /^\d{12,19}$/.test(v), "Card number must be 12 to 19 digits")
  .refine(passesLuhn, "Card number is not valid");

export const PaymentInputSchema = z.strictObject({
  method: z.literal("test", { error: 'The only payment method is "test"' }),
  cardNumber: CardNumberSchema,
});

export const CheckoutSchema = z
  .strictObject({
    shippingAddress: AddressSchema.optional(),
    /** A saved address of the caller's (GET /me/addresses); the order still copies it. */
    shippingAddressId: z
      .string()
      .regex(/^adr_[A-Za-z0-9_-]{1,64}$/, "Not an address id")
      .optional(),
    /** Required when more than one method serves the address's country (GET /shipping-methods). */
    shippingMethodId: z
      .string()
      .regex(/^shm_[A-Za-z0-9_-]{1,64}$/, "Not a shipping method id")
      .optional(),
    payment: PaymentInputSchema,
  })
  .refine((c) => (c.shippingAddress === undefined) !== (c.shippingAddressId === undefined), {
    message: "Give either a shipping address or the id of a saved one",
    path: ["shippingAddress"],
  })
  // The refinement above, as the API document says it (JSON Schema cannot run a function).
  .meta({
    id: "Checkout",
    oneOf: [{ required: ["shippingAddress"] }, { required: ["shippingAddressId"] }],
  });
export type CheckoutInput = z.infer<typeof CheckoutSchema>;

/** Printable ASCII, like Stripe's keys; a UUID is the usual choice. */
export const IdempotencyKeySchema = z
  .string()
  .min(1, "Idempotency-Key must not be empty")
  .max(255, "Idempotency-Key is at most 255 characters")
  .regex(/^[\x21-\x7e]+$/, "Idempotency-Key must be printable ASCII without spaces");

export const ORDER_STATUSES = [
  "pending_payment",
  "payment_failed",
  "paid",
  "fulfilled",
  "cancelled",
  "refunded",
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ListQuerySchema = z.strictObject({
  limit: pageLimitSchema(20),
  cursor: z.string().min(1).max(200).optional().describe("nextCursor from the previous page"),
});

export const AdminListQuerySchema = ListQuerySchema.extend({
  status: z.enum(ORDER_STATUSES).optional(),
});

export const OrderParamsSchema = z.object({ id: z.string().min(1).max(64) });

export const UpdateOrderStatusSchema = z
  .strictObject({ status: z.enum(["fulfilled", "cancelled", "refunded"]) })
  .meta({ id: "UpdateOrderStatus" });
