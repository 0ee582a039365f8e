import type { CallOptions } from '@tokenwise/auth-core/vendor';
import type { z } from 'zod';

/**
 * Key of the auth client's schema-checked JSON call. The API client needs the
 * typed path (the cloud's JSON `code` mapped to errors, the reply validated)
 * that `request()` leaves to the caller; a registered symbol keeps it off the
 * public surface and works across two copies of this package (ESM next to CJS).
 */
export const AUTHORIZED_JSON: unique symbol = Symbol.for('@tokenwise/navien/authorized-json');

/** An authorized JSON call validated with `schema`; Navien's error mapping applies. */
export type AuthorizedJsonCall = <T>(path: string, schema: z.ZodType<T>, init?: CallOptions) => Promise<T>;
