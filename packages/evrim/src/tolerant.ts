import { z } from 'zod';

/*
 * Building blocks for the parts of Evrim's answers the SDK hands through
 * without acting on them. The server is a Django app that changes its models
 * (the recorded `event.input` already gained a `thread_id` the client never
 * sent), so a field that drifts there — a new enum value, `null` where text
 * was recorded, a number where a string was — must not turn a working call
 * into a `ResponseShapeError`. Fields the SDK acts on (ids it builds paths
 * from, the lists that hold them, tokens, pagination links) keep strict
 * schemas; see schemas.ts. Unlike the kit's `tolerant()` (from
 * `@tokenwise/auth-core/vendor`), a drifted field reads as `null`, not
 * `undefined`: Evrim's recorded answers spell "absent" as `null`, and the
 * SDK's types say so.
 */

/**
 * Text the SDK does not act on: the string, or `null` when the server sent
 * `null`, nothing, or a value of another type.
 */
export const tolerantText = z.string().nullable().catch(null);

/** A number the SDK does not act on: the number, or `null` for anything else. */
export const tolerantNumber = z.number().nullable().catch(null);

/**
 * A list the SDK does not act on: the entries that match `item` (others are
 * dropped, so one odd entry does not cost the rest), or `null` when the
 * server sent no list at all.
 */
export function tolerantListOrNull<T>(item: z.ZodType<T>) {
  return z
    .array(z.unknown())
    .nullable()
    .catch(null)
    .transform((entries): T[] | null => {
      if (entries === null) return null;
      const kept: T[] = [];
      for (const entry of entries) {
        const parsed = item.safeParse(entry);
        if (parsed.success) kept.push(parsed.data);
      }
      return kept;
    });
}

/**
 * An enum the SDK does not act on, typed with the values seen so far for
 * completion (`'P' | 'C' | (string & {})`), yet accepting any string a newer
 * server sends; `null` for a non-string.
 */
export function tolerantEnum<const T extends readonly string[]>(_known: T) {
  return tolerantText.transform((value) => value as T[number] | (string & {}) | null);
}
