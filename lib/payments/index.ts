import { DomainError } from "@/lib/errors";

import type { PaymentProvider } from "./provider";
import { testProvider } from "./test-provider";

export type { ChargeRequest, ChargeResult, PaymentProvider } from "./provider";
export { passesLuhn } from "./luhn";
export { TEST_CARDS, testProvider } from "./test-provider";

const providers: Record<string, PaymentProvider> = { test: testProvider };

/** The provider behind a payment method name (only `test` is built in). */
export function getPaymentProvider(method: string): PaymentProvider {
  const provider = providers[method];
  if (!provider) throw new DomainError("VALIDATION", `Unknown payment method "${method}".`);
  return provider;
}
