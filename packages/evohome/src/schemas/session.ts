import { sessionBaseSchema } from '@tokenwise/auth-core/vendor';
import { z } from 'zod';
import { v1UserInfoSchema } from './v1.js';

/**
 * A stored V1 session. `expiresAt` is last successful use + 15 min: the
 * vendor's own 401 stays the real signal because some servers do not slide.
 */
export const evohomeV1SessionSchema = sessionBaseSchema.extend({
  vendor: z.literal('evohome'),
  api: z.literal('v1'),
  sessionId: z.string().min(1),
  userInfo: v1UserInfoSchema,
});

/** A stored V1 session. */
export type EvohomeV1Session = z.infer<typeof evohomeV1SessionSchema>;

/** A stored V2 session: the bearer token and the refresh token that renews it without a login. */
export const evohomeV2SessionSchema = sessionBaseSchema.extend({
  vendor: z.literal('evohome'),
  api: z.literal('v2'),
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
});

/** A stored V2 session. */
export type EvohomeV2Session = z.infer<typeof evohomeV2SessionSchema>;
