import { sessionBaseSchema } from '@tokenwise/auth-core/vendor';
import { z } from 'zod';
import { VENDOR } from './constants.js';

/** What the store keeps for one Tado account. Never logged: it holds the tokens. */
export const tadoSessionSchema = sessionBaseSchema.extend({
  vendor: z.literal(VENDOR),
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
});

/** A stored Tado session. */
export type TadoSession = z.infer<typeof tadoSessionSchema>;

/** The token endpoint's answer (login and refresh). A refresh may omit `refresh_token` (kept then). */
export const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.number().positive(),
});

/** One item of `GET api/items`: the placeholder data call. */
export const itemSchema = z.object({ id: z.number(), name: z.string() });

/** One item the account holds. */
export type TadoItem = z.infer<typeof itemSchema>;

/** The body of `GET api/items`. */
export const itemsResponseSchema = z.object({ items: z.array(itemSchema) });

/** The error envelope of the API: `{ "error": "...", "message"?: "..." }`. */
export const errorBodySchema = z.object({ error: z.string(), message: z.string().optional() });
