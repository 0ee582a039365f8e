import { ConfigurationError } from '@tokenwise/auth-core/vendor';
import { z } from 'zod';
import { accountName } from './account.js';
import { V1_SESSION_TTL_MS, VENDOR } from './constants.js';
import type { EvohomeV1Session } from './schemas/session.js';
import { type V1UserInfo, v1UserInfoSchema } from './schemas/v1.js';

/**
 * The V1 `user_data` of the Python `evohomeclient`: the login answer's
 * `sessionId` and `userInfo`. Files saved by either library load in the
 * other. `userInfo` holds personal data (name, address): keep it private.
 */
export interface EvohomeUserData {
  /** The V1 session id. A secret: it authorizes calls on the account. */
  sessionId: string;
  /** The account as the vendor describes it; only `userID` is required. */
  userInfo: V1UserInfo;
}

// Python callers sometimes hand-write `userID` as a string ("123456"): accept digits either way.
const userDataInputSchema = z.looseObject({
  sessionId: z.string().min(1),
  userInfo: z.looseObject({
    userID: z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/).transform(Number)]),
  }),
});

/**
 * Validates a `user_data` object (e.g. `JSON.parse` of a saved file).
 * Returns `undefined` with the reason when it is not one; never echoes values.
 */
export function parseUserData(value: unknown): { data: EvohomeUserData } | { problem: string } {
  const outer = userDataInputSchema.safeParse(value);
  if (!outer.success) {
    const issue = outer.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : '(root)';
    return { problem: `${where}: ${issue?.message ?? 'invalid'}` };
  }
  const userInfo = v1UserInfoSchema.safeParse({ ...outer.data.userInfo, userID: outer.data.userInfo.userID });
  if (!userInfo.success) {
    const issue = userInfo.error.issues[0];
    return { problem: `userInfo.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}` };
  }
  return { data: { sessionId: outer.data.sessionId, userInfo: userInfo.data } };
}

/** Validates the `userData` option and checks it belongs to `username`. */
export function requireUserData(value: unknown, username: string): EvohomeUserData {
  const parsed = parseUserData(value);
  if ('problem' in parsed) {
    throw new ConfigurationError(
      `evohome option \`userData\` is not a saved user_data object (${parsed.problem})`,
      { vendor: VENDOR },
    );
  }
  const owner = parsed.data.userInfo.username;
  if (owner !== undefined && accountName(owner) !== accountName(username)) {
    throw new ConfigurationError('evohome option `userData` belongs to another account than `username`', {
      vendor: VENDOR,
    });
  }
  return parsed.data;
}

/** The saved `user_data` of a V1 session. */
export function toUserData(session: EvohomeV1Session): EvohomeUserData {
  return { sessionId: session.sessionId, userInfo: session.userInfo };
}

/**
 * A session from saved `user_data`. Its last use is unknown, so it is given
 * a full lifetime from now: the vendor's 401 tells if it is dead, which costs
 * one login, the same as having no file.
 */
export function sessionFromUserData(data: EvohomeUserData, username: string, now: number): EvohomeV1Session {
  return {
    vendor: VENDOR,
    account: `v1:${accountName(username)}`,
    api: 'v1',
    issuedAt: now,
    expiresAt: now + V1_SESSION_TTL_MS,
    sessionId: data.sessionId,
    userInfo: data.userInfo,
  };
}
