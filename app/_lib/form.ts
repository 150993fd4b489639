/** A form field as a string: absent fields and file uploads read as "". */
export function formText(formData: FormData, key: string): string {
  const v = formData.get(key);
  return typeof v === "string" ? v : "";
}
