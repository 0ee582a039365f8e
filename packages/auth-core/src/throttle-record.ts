import { z } from 'zod';

/** How a login back-off is stored so every instance sharing the store honours it. */
export const throttleRecordSchema = z.object({
  until: z.number().finite(),
  reason: z.string(),
});

/** A stored login back-off. */
export type ThrottleRecord = z.infer<typeof throttleRecordSchema>;

/** Store key of the login back-off for a throttle key. */
export function throttleStoreKey(throttleKey: string): string {
  return `throttle:${throttleKey}`;
}
