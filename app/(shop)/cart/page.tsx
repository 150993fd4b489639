import type { Metadata } from "next";

import { getRequestCart } from "@/app/_lib/cart";
import { getCurrentUser } from "@/app/_lib/session";
import { CartView } from "@/components/cart/cart-view";
import { getTotals } from "@/lib/orders";

export const metadata: Metadata = { title: "Cart" };

export default async function CartPage() {
  const [cart, user] = await Promise.all([getRequestCart(), getCurrentUser()]);
  const totals = { ...(await getTotals(cart.subtotal)), currency: cart.currency };
  return (
    <section className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Your cart</h1>
      <CartView lines={cart.lines} totals={totals} signedIn={user !== null} />
    </section>
  );
}
