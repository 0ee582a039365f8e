import type { z } from 'zod';

/**
 * A field this SDK reads but does not act on: its recorded type when the
 * value has it, otherwise `undefined`. VeSync's payloads drift between
 * models and firmware (a `null` where a string was recorded, a number
 * turned string); such drift must not fail a call whose data is still good.
 * Fields the SDK acts on stay strict.
 */
export function tolerant<S extends z.ZodType>(schema: S) {
  return schema.optional().catch(undefined);
}
