import { z } from 'zod';

/**
 * A field this SDK only hands on and never acts on: a value that drifted
 * from the recorded type (a string where a number was recorded, `null` where
 * a string was) reads as `undefined` instead of failing the whole call. Pass
 * `.nullable()` when the recording itself holds `null`, to keep it.
 */
export function lenient<T extends z.ZodType>(schema: T) {
  return schema.optional().catch(undefined);
}

/**
 * A list this SDK only hands on: entries that do not match `item` are
 * dropped, and anything but an array (`null`, a missing key) reads as an
 * empty list, so one odd entry never costs the caller the others.
 */
export function lenientList<T extends z.ZodType>(item: T) {
  return z
    .array(z.unknown())
    .optional()
    .catch(undefined)
    .transform((entries): z.output<T>[] =>
      (entries ?? []).flatMap((entry) => {
        const parsed = item.safeParse(entry);
        return parsed.success ? [parsed.data] : [];
      }),
    );
}
