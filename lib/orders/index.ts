export { updateOrderStatus } from "./admin";
export { placeOrder, type PlacedOrder } from "./place-order";
export { getOrder, listAllOrders, listOrders, type OrderPage } from "./queries";
export { recoverPendingOrders } from "./recovery";
export { computeTotals, getCheckoutSettings, getTotals } from "./settings";
