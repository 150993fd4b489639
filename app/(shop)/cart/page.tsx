import type { Metadata } from "next";

import { getRequestCart } from "@/app/_lib/cart";
import { getCurrentUser } from "@/app/_lib/session";
import { CartView } from "@/components/cart/cart-view";
import { quoteCart } from "@/lib/pricing";

export const metadata: Metadata = { title: "Cart" };

export default async function CartPage() {
  const [cart, user] = await Promise.all([getRequestCart(), getCurrentUser()]);
  const quote = await quoteCart(cart, { userId: user?.id ?? null });
  return (
    <section className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Your cart</h1>
      <CartView
        lines={cart.lines}
        totals={{ ...quote.totals, currency: cart.currency }}
        signedIn={user !== null}
        discount={{ code: cart.discountCode, problem: quote.discountProblem?.message ?? null }}
        shippingLabel={quote.method?.name ?? null}
      />
    </section>
  );
}
