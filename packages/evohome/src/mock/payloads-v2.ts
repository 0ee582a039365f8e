import type { EvohomeMockAccount } from './accounts.js';
import type { DhwState, LocationState, SystemModeState, ZoneState } from './home-state.js';
import { apiTime } from './times.js';

/** `GET userAccount`: exactly the nine keys the real server sends; ids are strings in V2. */
export function v2UserAccount(account: EvohomeMockAccount): Record<string, unknown> {
  return {
    userId: String(account.userId),
    username: account.username,
    firstname: account.firstname,
    lastname: account.lastname,
    streetAddress: '1 Main Street',
    city: 'London',
    postcode: 'E1 1AA',
    country: 'UnitedKingdom',
    language: 'enGB',
  };
}

const PERIOD = { maxDuration: '99.00:00:00', timingResolution: '1.00:00:00', timingMode: 'Period' };

/** The system modes an evohome controller allows, as recorded: anything else is refused with a 500. */
export const ALLOWED_SYSTEM_MODES: ReadonlyArray<
  Readonly<Record<string, unknown>> & { systemMode: string; canBeTemporary: boolean }
> = [
  { systemMode: 'HeatingOff', canBePermanent: true, canBeTemporary: false },
  { systemMode: 'Auto', canBePermanent: true, canBeTemporary: false },
  { systemMode: 'AutoWithReset', canBePermanent: true, canBeTemporary: false },
  {
    systemMode: 'AutoWithEco',
    canBePermanent: true,
    canBeTemporary: true,
    maxDuration: '1.00:00:00',
    timingResolution: '01:00:00',
    timingMode: 'Duration',
  },
  { systemMode: 'Away', canBePermanent: true, canBeTemporary: true, ...PERIOD },
  { systemMode: 'DayOff', canBePermanent: true, canBeTemporary: true, ...PERIOD },
  { systemMode: 'Custom', canBePermanent: true, canBeTemporary: true, ...PERIOD },
];

const SETPOINT_MODES = ['PermanentOverride', 'FollowSchedule', 'TemporaryOverride'];

/** `GET location/{id}/installationInfo`: one location's configuration. */
export function v2LocationInstallation(
  account: EvohomeMockAccount,
  location: LocationState,
): Record<string, unknown> {
  return {
    locationInfo: {
      locationId: String(location.id),
      name: location.name,
      streetAddress: '1 Main Street',
      city: 'London',
      country: 'UnitedKingdom',
      postcode: 'E1 1AA',
      locationType: 'Residential',
      useDaylightSaveSwitching: true,
      timeZone: {
        timeZoneId: 'GMTStandardTime',
        displayName: '(UTC+00:00) Dublin, Edinburgh, Lisbon, London',
        offsetMinutes: 0,
        currentOffsetMinutes: 0,
        supportsDaylightSaving: true,
      },
      locationOwner: {
        userId: String(account.userId),
        username: account.username,
        firstname: account.firstname,
        lastname: account.lastname,
      },
    },
    gateways: [
      {
        gatewayInfo: gatewayInfo(location),
        temperatureControlSystems: [
          {
            systemId: String(location.systemId),
            modelType: 'EvoTouch',
            zones: location.zones.map((zone) => ({
              zoneId: String(zone.id),
              modelType: 'HeatingZone',
              setpointCapabilities: {
                maxHeatSetpoint: 35,
                minHeatSetpoint: 5,
                valueResolution: 0.5,
                canControlHeat: true,
                canControlCool: false,
                allowedSetpointModes: SETPOINT_MODES,
                maxDuration: '1.00:00:00',
                timingResolution: '00:10:00',
              },
              scheduleCapabilities: {
                maxSwitchpointsPerDay: 6,
                minSwitchpointsPerDay: 1,
                timingResolution: '00:10:00',
                setpointValueResolution: 0.5,
              },
              name: zone.name,
              zoneType: 'RadiatorZone',
            })),
            ...(location.dhw
              ? {
                  dhw: {
                    dhwId: String(location.dhw.id),
                    dhwStateCapabilitiesResponse: {
                      allowedStates: ['On', 'Off'],
                      allowedModes: SETPOINT_MODES,
                      maxDuration: '1.00:00:00',
                      timingResolution: '00:10:00',
                    },
                    scheduleCapabilitiesResponse: {
                      maxSwitchpointsPerDay: 6,
                      minSwitchpointsPerDay: 1,
                      timingResolution: '00:10:00',
                    },
                  },
                }
              : {}),
            allowedSystemModes: ALLOWED_SYSTEM_MODES.map((mode) => ({ ...mode })),
          },
        ],
      },
    ],
  };
}

/** `GET location/installationInfo?userId=..`: every location of the account. */
export function v2Installation(
  account: EvohomeMockAccount,
  locations: readonly LocationState[],
): Array<Record<string, unknown>> {
  return locations.map((location) => v2LocationInstallation(account, location));
}

/**
 * `GET gateway`: the account's gateways. No recording of this answer exists
 * (only evohome-client calls it); each item is the `gatewayInfo` the
 * installation reports, with the location it belongs to.
 */
export function v2Gateways(locations: readonly LocationState[]): Array<Record<string, unknown>> {
  return locations.map((location) => ({
    gatewayInfo: gatewayInfo(location),
    locationId: String(location.id),
  }));
}

function gatewayInfo(location: LocationState): Record<string, unknown> {
  return { gatewayId: String(location.gatewayId), mac: '00D02DEE4E56', crc: '1234', isWiFi: false };
}

function temperatureStatus(temperature: number | null): Record<string, unknown> {
  return temperature === null ? { isAvailable: false } : { temperature, isAvailable: true };
}

/** `GET temperatureZone/{id}/status`, and each zone of a location's status. */
export function v2ZoneStatus(zone: ZoneState): Record<string, unknown> {
  return {
    zoneId: String(zone.id),
    temperatureStatus: temperatureStatus(zone.temperature),
    activeFaults: zone.faults.map((fault) => ({ ...fault })),
    setpointStatus: {
      targetHeatTemperature: zone.setpoint,
      setpointMode: zone.mode,
      ...(zone.until === undefined ? {} : { until: apiTime(zone.until) }),
    },
    name: zone.name,
  };
}

/** `GET domesticHotWater/{id}/status`, and the hot water of a location's status. */
export function v2DhwStatus(dhw: DhwState): Record<string, unknown> {
  return {
    dhwId: String(dhw.id),
    temperatureStatus: temperatureStatus(dhw.temperature),
    stateStatus: {
      state: dhw.on ? 'On' : 'Off',
      mode: dhw.mode,
      ...(dhw.until === undefined ? {} : { until: apiTime(dhw.until) }),
    },
    activeFaults: [],
  };
}

function systemModeStatus(system: SystemModeState): Record<string, unknown> {
  return {
    mode: system.mode,
    isPermanent: system.isPermanent,
    ...(system.until === undefined ? {} : { timeUntil: apiTime(system.until) }),
  };
}

/** `GET temperatureControlSystem/{id}/status`, and the system of a location's status. */
export function v2SystemStatus(location: LocationState): Record<string, unknown> {
  return {
    systemId: String(location.systemId),
    zones: location.zones.map(v2ZoneStatus),
    ...(location.dhw ? { dhw: v2DhwStatus(location.dhw) } : {}),
    activeFaults: [],
    systemModeStatus: systemModeStatus(location.system),
  };
}

/** `GET location/{id}/status`: what users poll. */
export function v2LocationStatus(location: LocationState): Record<string, unknown> {
  return {
    locationId: String(location.id),
    gateways: [
      {
        gatewayId: String(location.gatewayId),
        temperatureControlSystems: [v2SystemStatus(location)],
        activeFaults: [],
      },
    ],
  };
}
