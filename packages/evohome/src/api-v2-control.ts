import type { AuthorizedHttp } from '@tokenwise/auth-core/vendor';
import type { EvohomeV2Session } from './schemas/session.js';
import {
  type V2DhwStatus,
  type V2Gateway,
  type V2LocationInstallation,
  type V2Schedule,
  type V2SystemStatus,
  type V2ZoneStatus,
  v2CommTaskSchema,
  v2DhwStatusSchema,
  v2GatewaysSchema,
  v2LocationInstallationSchema,
  v2ScheduleSchema,
  v2SystemStatusSchema,
  v2TaskSchema,
  v2ZoneStatusSchema,
} from './schemas/v2.js';

type Http = AuthorizedHttp<EvohomeV2Session>;

const withSignal = (signal: AbortSignal | undefined) => (signal ? { signal } : {});

/** `GET location/{id}/installationInfo`: one location's configuration (evohome-client's `full_installation`). */
export function fetchLocationInstallation(
  http: Http,
  locationId: string,
  signal?: AbortSignal,
): Promise<V2LocationInstallation> {
  return http.json(`location/${locationId}/installationInfo`, v2LocationInstallationSchema, {
    searchParams: { includeTemperatureControlSystems: 'True' },
    ...withSignal(signal),
  });
}

/** `GET gateway`: the account's gateways. */
export function fetchGateways(http: Http, signal?: AbortSignal): Promise<V2Gateway[]> {
  return http.json('gateway', v2GatewaysSchema, withSignal(signal));
}

/** `GET temperatureControlSystem/{id}/status`. */
export function fetchSystemStatus(
  http: Http,
  systemId: string,
  signal?: AbortSignal,
): Promise<V2SystemStatus> {
  return http.json(`temperatureControlSystem/${systemId}/status`, v2SystemStatusSchema, withSignal(signal));
}

/** `GET temperatureZone/{id}/status`. */
export function fetchZoneStatus(http: Http, zoneId: string, signal?: AbortSignal): Promise<V2ZoneStatus> {
  return http.json(`temperatureZone/${zoneId}/status`, v2ZoneStatusSchema, withSignal(signal));
}

/** `GET domesticHotWater/{id}/status`. */
export function fetchDhwStatus(http: Http, dhwId: string, signal?: AbortSignal): Promise<V2DhwStatus> {
  return http.json(`domesticHotWater/${dhwId}/status`, v2DhwStatusSchema, withSignal(signal));
}

/** Which of the two schedule owners a schedule call is about. */
export type ScheduleOwner = 'temperatureZone' | 'domesticHotWater';

/** `GET temperatureZone/{id}/schedule` or `domesticHotWater/{id}/schedule`. */
export function fetchSchedule(
  http: Http,
  owner: ScheduleOwner,
  id: string,
  signal?: AbortSignal,
): Promise<V2Schedule> {
  return http.json(`${owner}/${id}/schedule`, v2ScheduleSchema, withSignal(signal));
}

/** A V2 `PUT` that answers a task id. */
export function putForTask(
  http: Http,
  path: string,
  body: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<string> {
  return http.json(path, v2TaskSchema, { method: 'PUT', json: body, ...withSignal(signal) });
}

/** `GET commTasks?commTaskId=..`: the task's state (`Created`, `Running`, `Succeeded`...). */
export async function fetchV2TaskState(http: Http, taskId: string, signal?: AbortSignal): Promise<string> {
  const task = await http.json('commTasks', v2CommTaskSchema, {
    searchParams: { commTaskId: taskId },
    ...withSignal(signal),
  });
  return task.state;
}
