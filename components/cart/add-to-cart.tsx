"use client";

import Link from "next/link";
import { useState, useTransition } from "react";

import { addToCart } from "@/app/_actions/cart";
import { useCartCount } from "@/components/cart/cart-count";
import { Button } from "@/components/ui/button";

/**
 * The product page's buy button. `variantId` is null until the shopper's choice of options names
 * one variant; `available` is false when that variant is out of stock. The header count moves at
 * once; the server's answer then confirms it or rolls it back with a message.
 */
export function AddToCart({
  variantId,
  available,
}: {
  variantId: string | null;
  available: boolean;
}) {
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const { adjust } = useCartCount();
  const disabled = !variantId || !available || pending;

  function add() {
    if (!variantId) return;
    setResult(null);
    startTransition(async () => {
      adjust(1);
      const res = await addToCart(variantId, 1);
      setResult(
        res.ok ? { ok: true, message: "Added to your cart." } : { ok: false, message: res.message },
      );
    });
  }

  return (
    <div className="flex flex-col gap-2">
      <Button type="button" onClick={add} disabled={disabled} aria-disabled={disabled}>
        {pending
          ? "Adding…"
          : !variantId
            ? "Choose options"
            : available
              ? "Add to cart"
              : "Out of stock"}
      </Button>
      <p
        role="status"
        className={`min-h-5 text-sm ${result?.ok === false ? "text-red-700" : "text-stone-700"}`}
      >
        {result?.message}{" "}
        {result?.ok ? (
          <Link href="/cart" className="font-medium text-brand-700 underline">
            View cart
          </Link>
        ) : null}
      </p>
    </div>
  );
}
