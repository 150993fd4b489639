import type { ComponentPropsWithRef } from "react";

/** How roomy a control is: `md` in forms, `sm` in toolbars, filters and tables. */
export type ControlSize = "md" | "sm";

const padding: Record<ControlSize, string> = { md: "px-3 py-2", sm: "px-2 py-1.5" };

/** The look every text box, select and text area shares; a field marked aria-invalid turns red. */
export function controlClass(size: ControlSize = "md", className = ""): string {
  return `rounded-md border border-stone-300 bg-white text-sm shadow-sm aria-invalid:border-red-600 ${padding[size]} ${className}`;
}

/** A text box (not for checkboxes, radios or hidden fields, which keep the browser's own). */
export function Input({
  size = "md",
  className,
  ...props
}: Omit<ComponentPropsWithRef<"input">, "size"> & { size?: ControlSize }) {
  // React 19 passes `ref` as a prop: spread with the rest, it reaches the <input>.
  return <input {...props} className={controlClass(size, className)} />;
}
