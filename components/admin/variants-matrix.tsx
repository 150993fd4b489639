import type { FormErrors } from "@/app/_lib/form";
import type { VariantCell, VariantRow } from "@/components/admin/use-product-draft";
import { errorsUnder, FieldErrors } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Table } from "@/components/ui/table";

const inputs: { field: keyof VariantCell; header: string; label: string; className: string }[] = [
  { field: "sku", header: "SKU", label: "SKU", className: "w-44" },
  { field: "price", header: "Price ($)", label: "Price", className: "w-24" },
  { field: "stock", header: "Stock", label: "Stock", className: "w-20" },
];

const inputMode = { sku: undefined, price: "decimal", stock: "numeric" } as const;

/** One row per combination of option values, with its SKU, price and stock to type in. */
export function VariantsMatrix({
  rows,
  errors,
  onChange,
}: {
  rows: VariantRow[];
  /** The form's errors; row `i`'s are at `variants.i`. */
  errors: FormErrors | undefined;
  onChange: (row: VariantRow, patch: Partial<VariantCell>) => void;
}) {
  return (
    <Table
      alignTop
      rows={rows.map((row, i) => ({ row, i }))}
      rowKey={({ row }) => row.key}
      columns={[
        {
          header: "Variant",
          rowHeader: true,
          cell: ({ row, i }) => (
            <>
              {row.label}
              <FieldErrors
                messages={[
                  ...(errors?.[`variants.${i}`] ?? []),
                  ...errorsUnder(errors, `variants.${i}.options`),
                ]}
              />
            </>
          ),
        },
        ...inputs.map(({ field, header, label, className }) => ({
          header,
          cell: ({ row, i }: { row: VariantRow; i: number }) => {
            const messages = errorsUnder(errors, `variants.${i}.${field}`);
            return (
              <>
                <Input
                  size="sm"
                  aria-label={`${label} for ${row.label}`}
                  value={row.cell[field]}
                  inputMode={inputMode[field]}
                  placeholder={field === "price" ? "0.00" : undefined}
                  onChange={(e) => onChange(row, { [field]: e.target.value })}
                  aria-invalid={messages.length > 0 || undefined}
                  className={className}
                />
                <FieldErrors messages={messages} />
              </>
            );
          },
        })),
      ]}
    />
  );
}
