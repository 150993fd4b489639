import { isUniqueViolation } from "@/db";
import { DomainError, type FieldError } from "@/lib/errors";

/** The catalog's refusals, worded once for every writer. */
export const invalid = (errors: FieldError[]) =>
  new DomainError("VALIDATION", "The product is invalid.", { errors });

export const conflict = (errors: FieldError[]) =>
  new DomainError("CONFLICT", errors.map((e) => e.message).join(" "), { errors });

export const notFound = (what: string) => new DomainError("NOT_FOUND", `No such ${what}.`);

export const invalidQuery = (path: string, message: string) =>
  new DomainError("VALIDATION", "The request query is invalid.", { errors: [{ path, message }] });

/** A concurrent writer in another process can still win a unique index between check and insert. */
export async function mapUniqueViolation<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (isUniqueViolation(e)) {
      throw conflict([{ path: "", message: "A slug or SKU in this request is already taken." }]);
    }
    throw e;
  }
}
