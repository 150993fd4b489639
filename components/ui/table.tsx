import type { ReactNode } from "react";

type Column<Row> = {
  /** The column's header; on a phone, also the label each value of the column is shown with. */
  header: string;
  /** A header for screen readers only (e.g. "Actions"); on a phone its values get no label. */
  hideHeader?: boolean;
  align?: "left" | "right";
  /** The column that names the row (a row header); on a phone, the card's title. */
  rowHeader?: boolean;
  /** Extra classes for the column's cells, e.g. "tabular-nums". */
  className?: string;
  cell: (row: Row, index: number) => ReactNode;
};

/**
 * A data table. On a wide screen, rows and columns; on a phone (below `sm`) each row is a card of
 * stacked values, each with its column's header as a visible label. The header row is then hidden
 * only visually and the ARIA roles are explicit, so screen readers still hear a table either way.
 */
export function Table<Row>({
  caption,
  columns,
  rows,
  rowKey,
  alignTop = false,
}: {
  /** Read to screen readers only. */
  caption?: string;
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** Cells start at the top (for cells of uneven height, e.g. inputs with errors below). */
  alignTop?: boolean;
}) {
  const right = (c: Column<Row>) => (c.align === "right" ? "text-right" : "");
  return (
    <div className="overflow-x-auto">
      <table role="table" className="w-full text-sm max-sm:block">
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead
          role="rowgroup"
          className="border-b border-stone-200 text-left text-stone-600 max-sm:sr-only"
        >
          <tr role="row">
            {columns.map((c) => (
              <th
                key={c.header}
                role="columnheader"
                scope="col"
                className={`py-2 pr-3 font-medium last:pr-0 ${right(c)}`}
              >
                {c.hideHeader ? <span className="sr-only">{c.header}</span> : c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody
          role="rowgroup"
          className="divide-y divide-stone-200 max-sm:flex max-sm:flex-col max-sm:gap-3 max-sm:divide-y-0"
        >
          {rows.map((row, i) => (
            <tr
              key={rowKey(row)}
              role="row"
              className={`max-sm:flex max-sm:flex-col max-sm:gap-1 max-sm:rounded-md max-sm:border max-sm:border-stone-200 max-sm:bg-white max-sm:p-3 ${alignTop ? "align-top" : ""}`}
            >
              {columns.map((c) =>
                c.rowHeader ? (
                  <th
                    key={c.header}
                    role="rowheader"
                    scope="row"
                    className={`py-2 pr-3 text-left last:pr-0 max-sm:p-0 max-sm:font-medium ${c.className ?? "font-normal"}`}
                  >
                    {c.cell(row, i)}
                  </th>
                ) : (
                  <td
                    key={c.header}
                    role="cell"
                    className={`py-2 pr-3 last:pr-0 max-sm:flex max-sm:items-start max-sm:justify-between max-sm:gap-4 max-sm:p-0 ${right(c)} ${c.className ?? ""}`}
                  >
                    {c.hideHeader ? null : (
                      // The header already names the value for screen readers.
                      <span aria-hidden="true" className="text-stone-600 sm:hidden">
                        {c.header}
                      </span>
                    )}
                    <div className="max-sm:ml-auto max-sm:text-right">{c.cell(row, i)}</div>
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
