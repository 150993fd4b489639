/**
 * The options → values → variants model, as pure functions: the admin's validation, the server's
 * lookup and the product page's picker all agree because they all come from here.
 */
import type { FieldError } from "@/lib/errors";

export type OptionDecl = { name: string; values: readonly string[] };
export type Selection = Readonly<Record<string, string>>;
export type VariantLike = { options: Selection };
export type VariantDraft = VariantLike & {
  sku: string;
  price?: { amount: number; currency: string };
};

/**
 * The canonical form of a combination: names sorted, both sides URI-encoded, so no value can
 * collide with another through a separator. `{}` (a product without options) is "".
 */
export function optionsKey(options: Selection): string {
  return Object.entries(options)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join("&");
}

/** The variant whose combination is exactly `selection` over the variant's own options, if any. */
export function findVariant<V extends VariantLike>(
  variants: readonly V[],
  selection: Selection,
): V | undefined {
  return variants.find((v) => {
    const names = Object.keys(v.options);
    return names.every((name) => selection[name] === v.options[name]);
  });
}

const fold = (s: string) => s.trim().toLowerCase();

/**
 * Every problem with a product's declared options and variants, as field errors with paths that
 * match the request body (`options.0.values.1`, `variants.2.options.Size`). Empty when valid.
 */
export function validateVariants(
  options: readonly OptionDecl[],
  variants: readonly VariantDraft[],
): FieldError[] {
  const errors: FieldError[] = [];
  const declared = new Map<string, Set<string>>();

  options.forEach((option, i) => {
    if ([...declared.keys()].some((n) => fold(n) === fold(option.name))) {
      errors.push({
        path: `options.${i}.name`,
        message: `Option "${option.name}" is declared twice`,
      });
    }
    const values = new Set<string>();
    option.values.forEach((value, j) => {
      if ([...values].some((v) => fold(v) === fold(value))) {
        errors.push({
          path: `options.${i}.values.${j}`,
          message: `Value "${value}" is listed twice`,
        });
      }
      values.add(value);
    });
    declared.set(option.name, values);
  });

  if (options.length === 0 && variants.length > 1) {
    errors.push({ path: "variants", message: "A product without options has exactly one variant" });
  }

  const seenCombos = new Map<string, number>();
  const seenSkus = new Map<string, number>();
  const currency = variants[0]?.price?.currency;

  variants.forEach((variant, i) => {
    const at = `variants.${i}`;
    let complete = true;
    for (const [name, values] of declared) {
      const value = variant.options[name];
      if (value === undefined) {
        complete = false;
        errors.push({ path: `${at}.options.${name}`, message: `Choose a value for ${name}` });
      } else if (!values.has(value)) {
        complete = false;
        errors.push({
          path: `${at}.options.${name}`,
          message: `"${value}" is not a declared value of ${name}`,
        });
      }
    }
    for (const name of Object.keys(variant.options)) {
      if (!declared.has(name)) {
        complete = false;
        errors.push({
          path: `${at}.options.${name}`,
          message: `"${name}" is not a declared option`,
        });
      }
    }
    if (complete) {
      const key = optionsKey(variant.options);
      const first = seenCombos.get(key);
      if (first !== undefined) {
        errors.push({
          path: `${at}.options`,
          message: `Variant ${first + 1} already has this combination`,
        });
      } else {
        seenCombos.set(key, i);
      }
    }
    const firstSku = seenSkus.get(variant.sku);
    if (firstSku !== undefined) {
      errors.push({
        path: `${at}.sku`,
        message: `SKU ${variant.sku} is used by variant ${firstSku + 1} too`,
      });
    } else {
      seenSkus.set(variant.sku, i);
    }
    if (variant.price && currency && variant.price.currency !== currency) {
      errors.push({
        path: `${at}.price.currency`,
        message: `All variants of a product use one currency (${currency})`,
      });
    }
  });
  return errors;
}

export type ValueState = { value: string; disabled: boolean };
export type PickerState<V> = {
  /** The shopper's choice, cleaned: unknown values and values unavailable after earlier choices are dropped. */
  selection: Record<string, string>;
  /** Per option (in order), each value and whether it can be chosen now. */
  options: { name: string; values: ValueState[] }[];
  /** The variant of a complete selection, or null while something is still to choose. */
  variant: V | null;
};

/**
 * What the product page shows for a selection. A value is disabled when no available variant has
 * it together with the choices made for the options *before* it. Judging only by earlier options
 * means a shopper can always change any choice (no dead end where every other value is greyed out
 * by a later choice); a later choice that no longer fits is cleared.
 */
export function pickerState<V extends VariantLike & { available: boolean }>(
  options: readonly OptionDecl[],
  variants: readonly V[],
  requested: Readonly<Record<string, string | undefined>>,
): PickerState<V> {
  const selection: Record<string, string> = {};
  const out: PickerState<V>["options"] = [];
  for (const option of options) {
    const matchesEarlier = (v: V) =>
      Object.entries(selection).every(([n, val]) => v.options[n] === val);
    const values = option.values.map((value) => ({
      value,
      disabled: !variants.some(
        (v) => v.available && v.options[option.name] === value && matchesEarlier(v),
      ),
    }));
    out.push({ name: option.name, values });
    const wanted = requested[option.name];
    const enabled = values.filter((v) => !v.disabled);
    if (wanted !== undefined && enabled.some((v) => v.value === wanted)) {
      selection[option.name] = wanted;
    } else if (option.values.length === 1 && enabled.length === 1) {
      selection[option.name] = enabled[0]!.value;
    }
  }
  const complete = options.every((o) => selection[o.name] !== undefined);
  const variant = complete ? (findVariant(variants, selection) ?? null) : null;
  return { selection, options: out, variant };
}

/** Every combination of the options' values, in declared order: the variants matrix. */
export function combinations(
  options: { name: string; values: string[] }[],
): Record<string, string>[] {
  return options.reduce<Record<string, string>[]>(
    (acc, o) => acc.flatMap((combo) => o.values.map((v) => ({ ...combo, [o.name]: v }))),
    [{}],
  );
}
