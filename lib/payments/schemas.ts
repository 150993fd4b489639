// The payments module's browser-safe door: the card-number check forms and schemas share.
export { passesLuhn } from "./luhn";
