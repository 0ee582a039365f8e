import type { z } from 'zod';

/**
 * A field the SDK passes through but does not interpret: when the vendor
 * drifts (a `null` where a string was recorded, another type, a new shape)
 * it reads as `undefined` instead of failing the whole call. Fields the SDK
 * acts on (ids, temperatures, modes, task states) keep their strict schema.
 */
export function lenient<T extends z.ZodType>(schema: T) {
  return schema.optional().catch(undefined);
}
