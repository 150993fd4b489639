import type { AddressRecord } from "@/db/schema";
import type { ProductPhoto } from "@/lib/catalog";
import type { Money } from "@/lib/money";

import type { OrderStatus } from "./schemas";

/** One line of an order, frozen as bought: later catalog edits never change it. */
export type OrderLine = {
  /** Links to the catalog, null once the product or variant is deleted. */
  productId: string | null;
  variantId: string | null;
  sku: string;
  name: string;
  options: Record<string, string>;
  unitPrice: Money;
  quantity: number;
  lineTotal: Money;
  /** The product's first photo when bought; null if it had none or it was deleted since. */
  photo: ProductPhoto | null;
};

/** The address an order ships to, as the order keeps it. */
export type OrderAddress = AddressRecord;

/** An order as the shopper bought it. */
export type Order = {
  id: string;
  number: string;
  status: OrderStatus;
  items: OrderLine[];
  subtotal: Money;
  /** What the code took off (0 without one); the order keeps it after a cancel. */
  discount: Money;
  discountCode: string | null;
  shipping: Money;
  tax: Money;
  total: Money;
  /** The same five amounts, as every total is shown (lib/pricing). */
  totals: { subtotal: Money; discount: Money; shipping: Money; tax: Money; total: Money };
  /** The method chosen and the rate applied; null on orders from before shipping zones. */
  shippingMethod: { id: string; name: string } | null;
  taxRate: { percent: number; taxShipping: boolean } | null;
  shippingAddress: OrderAddress;
  payment: { method: string; status: string; last4?: string };
  createdAt: Date;
};

export type OrderPage = { items: Order[]; nextCursor: string | null };
