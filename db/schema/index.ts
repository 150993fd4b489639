export * from "./accounts";
export * from "./catalog";
export * from "./cart";
export * from "./orders";
export * from "./payments";
export * from "./notifications";
export * from "./media";
export * from "./pricing";
