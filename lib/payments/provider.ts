/**
 * What the checkout needs from a card processor. Every call is keyed by the order id, which the
 * processor treats as an idempotency key: charging the same order twice answers the first result
 * and never moves money twice. Calls may be network round trips, so they are never made inside a
 * database transaction.
 */
export type ChargeRequest = {
  orderId: string;
  amount: number;
  currency: string;
  cardNumber: string;
};

export type ChargeResult = {
  status: "captured" | "declined";
  /** The processor's reference for the charge. */
  reference: string;
  last4: string | null;
};

export interface PaymentProvider {
  readonly name: string;
  charge(req: ChargeRequest): Promise<ChargeResult>;
  /** What the processor knows about this order's charge, or null if it never saw one. */
  lookup(orderId: string): Promise<ChargeResult | null>;
  /**
   * Makes sure no charge for this order can succeed from now on (recovery of an order whose
   * charge was never sent). Answers the charge if one got in first.
   */
  voidOrder(orderId: string): Promise<ChargeResult | null>;
  /** Gives the money of a captured charge back. Idempotent. */
  refund(orderId: string): Promise<void>;
}
