"use client";

import { useState } from "react";

import { AddToCart } from "@/components/cart/add-to-cart";
import type { Variant } from "@/lib/catalog";
import { pickerState } from "@/lib/catalog/schemas";
import type { Money } from "@/lib/money";

import { Price } from "./price";

type Props = {
  options: { name: string; values: string[] }[];
  variants: Variant[];
  fallbackPrice: Money;
  requested: Record<string, string>;
};

function stockText(v: Variant): string {
  if (!v.available) return "Sold out";
  if (v.stock <= 3) return `Only ${v.stock} left`;
  return `${v.stock} in stock`;
}

/**
 * One radio group per option. The choice is kept in the URL (?Size=M&Color=Red) with
 * history.replaceState — no server round trip, and a shared link opens on the same variant.
 */
export function VariantPicker({ options, variants, fallbackPrice, requested }: Props) {
  const [wanted, setWanted] = useState<Record<string, string>>(requested);
  const state = pickerState(options, variants, wanted);
  const variant = state.variant;

  function choose(name: string, value: string) {
    const next = pickerState(options, variants, { ...state.selection, [name]: value }).selection;
    setWanted(next);
    const params = new URLSearchParams(window.location.search);
    for (const o of options) {
      if (next[o.name] !== undefined) params.set(o.name, next[o.name]!);
      else params.delete(o.name);
    }
    const qs = params.toString();
    window.history.replaceState(null, "", qs ? `?${qs}` : window.location.pathname);
  }

  // Until the choice is complete, show the lowest price among variants that fit it so far.
  const fitting = variants.filter((v) =>
    Object.entries(state.selection).every(([name, value]) => v.options[name] === value),
  );
  const fittingPrices = fitting.map((v) => v.price.amount);
  const lowest =
    fitting.length > 0
      ? { amount: Math.min(...fittingPrices), currency: fitting[0]!.price.currency }
      : fallbackPrice;
  const prices = new Set(fittingPrices);
  const missing = options.filter((o) => state.selection[o.name] === undefined).map((o) => o.name);
  const allSoldOut = variants.every((v) => !v.available);

  return (
    <div className="flex flex-col gap-4">
      <div aria-live="polite" className="flex flex-col gap-1">
        <p className="text-2xl font-semibold" data-testid="price">
          {variant ? (
            <Price money={variant.price} />
          ) : (
            <Price money={lowest} from={prices.size > 1} />
          )}
        </p>
        <p
          className={`text-sm ${variant && !variant.available ? "text-red-700" : "text-stone-700"}`}
          data-testid="stock"
        >
          {variant
            ? stockText(variant)
            : allSoldOut
              ? "Sold out"
              : `Choose ${missing.join(" and ")} to see availability`}
        </p>
      </div>

      {state.options.map((option) => (
        <fieldset key={option.name} className="flex flex-col gap-2">
          <legend className="mb-1 text-sm font-medium">{option.name}</legend>
          <div className="flex flex-wrap gap-2">
            {option.values.map(({ value, disabled }) => {
              const checked = state.selection[option.name] === value;
              return (
                <label
                  key={value}
                  className="relative inline-flex min-w-11 cursor-pointer items-center justify-center rounded-md border border-stone-300 bg-white px-3 py-2 text-sm has-checked:border-brand-700 has-checked:bg-brand-700 has-checked:text-white has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-brand-600 has-disabled:cursor-not-allowed has-disabled:border-dashed has-disabled:text-stone-400 has-disabled:line-through"
                >
                  {/* The input covers its label (transparent), so it is the thing pressed or tapped. */}
                  <input
                    type="radio"
                    name={option.name}
                    value={value}
                    checked={checked}
                    disabled={disabled}
                    onChange={() => choose(option.name, value)}
                    className="absolute inset-0 m-0 cursor-pointer appearance-none opacity-0 disabled:cursor-not-allowed"
                  />
                  {value}
                </label>
              );
            })}
          </div>
        </fieldset>
      ))}

      <AddToCart variantId={variant?.id ?? null} available={variant?.available ?? false} />
    </div>
  );
}
