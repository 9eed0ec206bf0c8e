import { z } from "zod";

/**
 * A number field as a form sends it (text) or a caller does (a number). Anything else — true, [], {} —
 * is refused by `schema`, where `z.coerce.number()` would read `true` as 1, `[]` as 0 and `[7]` as 7.
 */
export function formNumber<S extends z.ZodNumber>(schema: S) {
  return z.preprocess(
    (value) => (typeof value === "string" && value.trim() !== "" ? Number(value) : value),
    schema,
  );
}
