// The orders module's front door: the checkout use case, purchase history, the admin's status
// moves, and the recovery pass that settles checkouts a crash interrupted.
export { cancelOrder, nextStatuses, updateOrderStatus, type AdminStatus } from "./admin";
export { COUNTRIES, COUNTRY_CODES } from "./countries";
export { checkoutFaults } from "./faults";
export { deleteExpiredIdempotencyKeys, redactLegacyRequestHashes } from "./idempotency";
export { type PlacedOrder } from "./answers";
export { checkoutStats, type CheckoutOptions, placeOrder } from "./place-order";
export type { Order, OrderAddress, OrderLine, OrderPage } from "./model";
export { getOrder, listAllOrders, listOrders } from "./queries";
export {
  deleteFailedOrders,
  recoverPendingOrders,
  recoveryStats,
  retryPendingRefunds,
} from "./recovery";
export * from "./schemas";
