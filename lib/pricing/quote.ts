import { getDb, type Queryable, writeTransaction } from "@/db";
import { type Cart, type CartOwner, getCart, setDiscountCode } from "@/lib/cart";
import { DomainError } from "@/lib/errors";

import {
  discountUnavailable,
  findDiscountByCode,
  refusalMessage,
  refusalOf,
  unknownCode,
  usesByCustomer,
} from "./discounts";
import type { Destination, Discount, DiscountRefusal, ShippingMethod, TaxRate } from "./model";
import { rateFor, zoneFor } from "./rules";
import { getMethods, listZones } from "./shipping";
import { listTaxRates } from "./tax";
import { computeTotals, type PricedLine, type Totals } from "./totals";

/** A method as offered for one cart: `charge` is what it costs this cart (0 past freeOver). */
export type ShippingOption = ShippingMethod & { charge: number };

export type Quote = {
  totals: Totals;
  currency: string;
  /** The code the cart carries, whether or not it applies now. */
  discountCode: string | null;
  /** The discount that applies (null without a code, or when the code cannot be used now). */
  discount: Discount | null;
  /** Why the carried code does not apply now, in words for the shopper. */
  discountProblem: { reason: DiscountRefusal; message: string } | null;
  methods: ShippingOption[];
  method: ShippingOption | null;
  taxRate: TaxRate | null;
};

export type QuoteInput = {
  lines: readonly PricedLine[];
  currency: string;
  userId: string | null;
  discountCode: string | null;
  /** null: no address yet (the cart); the "*" zone and rate apply. */
  destination: Destination;
  shippingMethodId?: string | null;
  /**
   * The checkout's mode: a code that cannot be used, a method that does not serve the address or
   * a missing choice among several are refusals (DomainErrors), not quietly dropped.
   */
  strict?: boolean;
  /**
   * The legacy checkout's clients cannot choose a method: when several serve the country they get
   * the zone's first (its order is the admin's), rather than a 400 they cannot answer.
   */
  firstMethodWhenUnchosen?: boolean;
};

/**
 * Everything a total depends on, read in one place and handed to `computeTotals`: the cart page,
 * the checkout page and the checkout transaction (with its `tx`, strict) all come through here.
 */
export async function quote(db: Queryable, input: QuoteInput): Promise<Quote> {
  const { lines, currency, userId, destination, strict = false } = input;
  const subtotal = lines.reduce((n, l) => n + l.unitPrice * l.quantity, 0);
  const country = destination?.country ?? null;

  let discount: Discount | null = null;
  let discountProblem: Quote["discountProblem"] = null;
  if (input.discountCode) {
    const found = await findDiscountByCode(db, input.discountCode);
    const reason: DiscountRefusal | null = !found
      ? "inactive"
      : refusalOf(found, {
          now: new Date(),
          subtotal,
          usesByCustomer: await usesByCustomer(db, found.id, userId),
        });
    if (found && reason === null) discount = found;
    else if (found && reason) {
      if (strict) throw discountUnavailable(found, reason, currency);
      discountProblem = { reason, message: refusalMessage(found, reason, currency) };
    } else {
      const gone = new DomainError(
        "DISCOUNT_UNAVAILABLE",
        `The code ${input.discountCode} no longer exists.`,
        { extra: { discountCode: input.discountCode, reason: "inactive" } },
      );
      if (strict) throw gone;
      discountProblem = { reason: "inactive", message: gone.message };
    }
  }

  const zone = zoneFor(await listZones(db), country);
  const rate = rateFor(await listTaxRates(db), country, destination?.region) ?? null;
  const priceWith = (m: ShippingMethod | null) =>
    computeTotals({
      lines,
      discount,
      shipping: m,
      tax: rate ? { rate: rate.rate, taxShipping: rate.taxShipping } : null,
    });
  const methods: ShippingOption[] = (zone?.methods ?? []).map((m) => ({
    ...m,
    charge: priceWith(m).shipping,
  }));

  let method: ShippingOption | null = null;
  const wanted = input.shippingMethodId ?? null;
  if (wanted) {
    method = methods.find((m) => m.id === wanted) ?? null;
    if (!method && strict) {
      const [elsewhere] = await getMethods(db, [wanted]);
      if (!elsewhere) {
        throw new DomainError("VALIDATION", "There is no such shipping method.", {
          errors: [{ path: "shippingMethodId", message: "Unknown shipping method" }],
        });
      }
      throw new DomainError(
        "SHIPPING_UNAVAILABLE",
        `${elsewhere.name} does not deliver to ${country ?? "this address"}.`,
        {
          errors: [{ path: "shippingMethodId", message: "Not available for this country" }],
          extra: { methods: methods.map((m) => m.id) },
        },
      );
    }
  }
  if (!method && strict && subtotal > 0) {
    if (methods.length === 0) {
      throw new DomainError(
        "SHIPPING_UNAVAILABLE",
        `We do not deliver to ${country ?? "this address"} yet.`,
        { errors: [{ path: "shippingAddress.country", message: "No delivery to this country" }] },
      );
    }
    if (methods.length > 1 && !input.firstMethodWhenUnchosen) {
      throw new DomainError("VALIDATION", "Choose a shipping method.", {
        errors: [{ path: "shippingMethodId", message: "Choose a shipping method" }],
      });
    }
  }
  // Before a choice (the cart, the checkout page's first view): the first method of the zone.
  method ??= methods[0] ?? null;

  return {
    totals: priceWith(method),
    currency,
    discountCode: input.discountCode,
    discount,
    discountProblem,
    methods,
    method,
    taxRate: rate,
  };
}

/** The cart's totals: its lines, its code, and the destination if the shopper gave one. */
export async function quoteCart(
  cart: Cart,
  opts: {
    userId: string | null;
    destination?: Destination;
    shippingMethodId?: string | null;
  },
  db: Queryable = getDb(),
): Promise<Quote> {
  return quote(db, {
    lines: cart.lines,
    currency: cart.currency,
    userId: opts.userId,
    discountCode: cart.discountCode,
    destination: opts.destination ?? null,
    shippingMethodId: opts.shippingMethodId ?? null,
  });
}

/**
 * A shopper applies a code (any case): unknown → 404; expired, inactive, used up, over the
 * customer's limit or below the minimum → 409 DISCOUNT_UNAVAILABLE naming the reason. The cart
 * keeps the code; every pricing re-checks it, and the checkout counts its use.
 */
export async function applyDiscountCode(owner: CartOwner, code: string): Promise<Cart> {
  return writeTransaction(async (tx) => {
    const d = await findDiscountByCode(tx, code);
    if (!d) throw unknownCode(code.toUpperCase());
    const cart = await getCart(owner, tx);
    const userId = "userId" in owner ? owner.userId : null;
    const reason = refusalOf(d, {
      now: new Date(),
      subtotal: cart.subtotal,
      usesByCustomer: await usesByCustomer(tx, d.id, userId),
    });
    if (reason) throw discountUnavailable(d, reason, cart.currency);
    return setDiscountCode(tx, owner, d.code);
  });
}

export async function removeDiscountCode(owner: CartOwner): Promise<Cart> {
  return writeTransaction((tx) => setDiscountCode(tx, owner, null));
}
