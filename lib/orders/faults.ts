/**
 * Test-only fault injection: tests set these to simulate a crash at a step boundary of the
 * checkout (a throw stands in for the process dying there). Never set in production code.
 */
export const checkoutFaults: {
  afterReserve?: (orderId: string) => void;
  afterCharge?: (orderId: string) => void;
  /** Before a refund reaches the provider (a cancel or refund interrupted there). */
  beforeRefund?: (orderId: string) => void;
} = {};
