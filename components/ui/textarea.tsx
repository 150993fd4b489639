import type { TextareaHTMLAttributes } from "react";

import { type ControlSize, controlClass } from "@/components/ui/input";

export function Textarea({
  size = "md",
  className,
  ...props
}: TextareaHTMLAttributes<HTMLTextAreaElement> & { size?: ControlSize }) {
  return <textarea {...props} className={controlClass(size, className)} />;
}
