export { updateOrderStatus } from "./admin";
export { placeOrder, type PlacedOrder, settleOrder } from "./place-order";
export { getOrder, listAllOrders, listOrders, type OrderPage } from "./queries";
export { recoverPendingOrders } from "./recovery";
export { computeTotals, DEFAULT_CHECKOUT_SETTINGS, getCheckoutSettings } from "./settings";
