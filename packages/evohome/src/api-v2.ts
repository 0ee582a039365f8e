import type { AuthorizedHttp } from '@tokenwise/auth-core/vendor';
import { requireId } from './control-arguments.js';
import type { EvohomeV2Session } from './schemas/session.js';
import {
  type V2LocationInstallation,
  type V2LocationStatus,
  type V2UserAccount,
  v2InstallationSchema,
  v2LocationStatusSchema,
  v2UserAccountSchema,
} from './schemas/v2.js';

type Http = AuthorizedHttp<EvohomeV2Session>;

const withSignal = (signal: AbortSignal | undefined) => (signal ? { signal } : {});

/** `GET userAccount`: the account, including the `userId` other calls need. */
export function fetchUserAccount(http: Http, signal?: AbortSignal): Promise<V2UserAccount> {
  return http.json('userAccount', v2UserAccountSchema, withSignal(signal));
}

/** `GET location/installationInfo?userId=..`: configuration of every location. */
export function fetchInstallation(
  http: Http,
  userId: string,
  signal?: AbortSignal,
): Promise<V2LocationInstallation[]> {
  return http.json('location/installationInfo', v2InstallationSchema, {
    searchParams: { userId, includeTemperatureControlSystems: 'True' },
    ...withSignal(signal),
  });
}

/** `GET location/{id}/status`: temperatures, set points, modes and faults of one location. */
export function fetchLocationStatus(
  http: Http,
  locationId: string,
  signal?: AbortSignal,
): Promise<V2LocationStatus> {
  return http.json(`location/${locationId}/status`, v2LocationStatusSchema, {
    searchParams: { includeTemperatureControlSystems: 'True' },
    ...withSignal(signal),
  });
}

/** V2 ids are strings of digits; anything else would build a wrong URL. */
export function requireLocationId(value: unknown): string {
  return requireId(value, 'locationId', '"2738909"');
}
