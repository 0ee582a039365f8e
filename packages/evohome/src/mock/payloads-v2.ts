import type { EvohomeMockAccount, EvohomeMockLocation } from './accounts.js';

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

const SETPOINT_MODES = ['PermanentOverride', 'FollowSchedule', 'TemporaryOverride'];

function installationOf(account: EvohomeMockAccount, location: EvohomeMockLocation): Record<string, unknown> {
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
        gatewayInfo: {
          gatewayId: String(location.gatewayId),
          mac: '00D02DEE4E56',
          crc: '1234',
          isWiFi: false,
        },
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
            allowedSystemModes: [
              { systemMode: 'HeatingOff', canBePermanent: true, canBeTemporary: false },
              { systemMode: 'Auto', canBePermanent: true, canBeTemporary: false },
              {
                systemMode: 'AutoWithEco',
                canBePermanent: true,
                canBeTemporary: true,
                maxDuration: '1.00:00:00',
                timingResolution: '01:00:00',
                timingMode: 'Duration',
              },
              {
                systemMode: 'Away',
                canBePermanent: true,
                canBeTemporary: true,
                maxDuration: '99.00:00:00',
                timingResolution: '1.00:00:00',
                timingMode: 'Period',
              },
            ],
          },
        ],
      },
    ],
  };
}

/** `GET location/installationInfo?userId=..`: every location of the account. */
export function v2Installation(account: EvohomeMockAccount): Array<Record<string, unknown>> {
  return account.locations.map((location) => installationOf(account, location));
}

function temperatureStatus(temperature: number | null): Record<string, unknown> {
  return temperature === null ? { isAvailable: false } : { temperature, isAvailable: true };
}

/** `GET location/{id}/status`: what users poll. */
export function v2LocationStatus(location: EvohomeMockLocation): Record<string, unknown> {
  return {
    locationId: String(location.id),
    gateways: [
      {
        gatewayId: String(location.gatewayId),
        temperatureControlSystems: [
          {
            systemId: String(location.systemId),
            zones: location.zones.map((zone) => ({
              zoneId: String(zone.id),
              temperatureStatus: temperatureStatus(zone.temperature),
              activeFaults: [],
              setpointStatus: { targetHeatTemperature: zone.setpoint, setpointMode: 'FollowSchedule' },
              name: zone.name,
            })),
            ...(location.dhw
              ? {
                  dhw: {
                    dhwId: String(location.dhw.id),
                    temperatureStatus: temperatureStatus(location.dhw.temperature),
                    stateStatus: { state: location.dhw.on ? 'On' : 'Off', mode: 'FollowSchedule' },
                    activeFaults: [],
                  },
                }
              : {}),
            activeFaults: [],
            systemModeStatus: { mode: 'Auto', isPermanent: true },
          },
        ],
        activeFaults: [],
      },
    ],
  };
}
