import type { AuthorizedHttp, SessionManager } from '@tokenwise/auth-core/vendor';
import type { EvohomeV1Session } from './schemas/session.js';
import { type V1Location, v1LocationsSchema } from './schemas/v1.js';

/**
 * `GET locations?userId=..&allData=True`: every location of the account with
 * its devices and readings. The user id comes from the session (the
 * strategy keeps it in step on a retry after a fresh login).
 */
export async function fetchV1Locations(
  http: AuthorizedHttp<EvohomeV1Session>,
  manager: SessionManager<EvohomeV1Session>,
  signal?: AbortSignal,
): Promise<V1Location[]> {
  const session = await manager.get(signal);
  return http.json('locations', v1LocationsSchema, {
    searchParams: { userId: session.userInfo.userID, allData: 'True' },
    ...(signal ? { signal } : {}),
  });
}
