import type { FormErrors } from "@/app/_lib/form";
import { Field, SelectField } from "@/components/ui/field";

type AddressField = "name" | "line1" | "line2" | "city" | "region" | "postalCode" | "country";

/**
 * The fields of a shipping address, named as AddressSchema names them: the checkout and the
 * address book ask for an address the same way.
 */
export function AddressFields({
  values,
  errors,
  countries,
}: {
  values: Partial<Record<AddressField, string>>;
  errors: FormErrors | undefined;
  countries: { code: string; name: string }[];
}) {
  const v = values;
  const e = errors ?? {};
  return (
    <>
      <Field
        label="Full name"
        name="name"
        autoComplete="name"
        required
        defaultValue={v.name}
        errors={e.name}
      />
      <Field
        label="Address line 1"
        name="line1"
        autoComplete="address-line1"
        required
        defaultValue={v.line1}
        errors={e.line1}
      />
      <Field
        label="Address line 2 (optional)"
        name="line2"
        autoComplete="address-line2"
        defaultValue={v.line2}
        errors={e.line2}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="City"
          name="city"
          autoComplete="address-level2"
          required
          defaultValue={v.city}
          errors={e.city}
        />
        <Field
          label="Region (optional)"
          name="region"
          autoComplete="address-level1"
          defaultValue={v.region}
          errors={e.region}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Postal code"
          name="postalCode"
          autoComplete="postal-code"
          required
          defaultValue={v.postalCode}
          errors={e.postalCode}
        />
        <SelectField
          label="Country"
          name="country"
          autoComplete="country"
          key={v.country ?? "US"}
          defaultValue={v.country || "US"}
          errors={e.country}
        >
          {countries.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </SelectField>
      </div>
    </>
  );
}
