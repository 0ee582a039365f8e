import { readBody } from '@tokenwise/auth-core/vendor';
import { VENDOR } from './constants.js';
import { v1FailureSchema } from './schemas/v1.js';

/** Message of the 401 V2 sends for a valid token used on another account's entity. */
const NOT_ALLOWED_PREFIX = 'You are not allowed';

/**
 * True when a 401 says the session or token itself is not accepted:
 * `[{"code":"Unauthorized"}]`, or a 401 with no readable code. A 401 that
 * explicitly says "not allowed" is about the ids in the URL, not the session,
 * and renewing would only burn a login against the rate limit.
 */
export async function isSessionRejected(response: Response): Promise<boolean> {
  if (response.status !== 401) return false;
  const body = await readBody(response, VENDOR, 'failure body').catch(() => undefined);
  const parsed = v1FailureSchema.safeParse(body?.value);
  if (!parsed.success) return true;
  const first = parsed.data[0];
  if (first === undefined || first.code !== 'Unauthorized') return false;
  return !(first.message ?? '').startsWith(NOT_ALLOWED_PREFIX);
}
