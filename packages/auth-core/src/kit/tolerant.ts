import { z } from 'zod';

/**
 * A field the SDK hands on but never acts on: when the vendor's answer drifts
 * from the recorded type (`null` where a string was recorded, a number turned
 * string, a new shape) it reads as `undefined` instead of failing the whole
 * call. Fields the SDK acts on (ids it builds paths from, tokens, states it
 * branches on) keep their strict schema. Pass `.nullable()` to keep a `null`
 * the recording itself holds.
 *
 * @example
 * ```ts
 * const deviceSchema = z.looseObject({ id: z.string(), name: tolerant(z.string()) });
 * ```
 */
export function tolerant<T extends z.ZodType>(schema: T) {
  return schema.optional().catch(undefined);
}

/**
 * A list the SDK hands on: entries that do not match `item` are dropped and
 * anything but an array (`null`, a missing key) reads as an empty list, so
 * one odd entry never costs the caller the others.
 */
export function tolerantList<T extends z.ZodType>(item: T) {
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
