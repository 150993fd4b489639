import type { SelectHTMLAttributes } from "react";

import { type ControlSize, controlClass } from "@/components/ui/input";

export function Select({
  size = "md",
  className,
  ...props
}: Omit<SelectHTMLAttributes<HTMLSelectElement>, "size"> & { size?: ControlSize }) {
  return <select {...props} className={controlClass(size, className)} />;
}
