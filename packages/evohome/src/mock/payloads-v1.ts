import { V1_TEMPERATURE_NOT_AVAILABLE } from '../constants.js';
import type { EvohomeMockAccount } from './accounts.js';
import type { DhwState, LocationState, ZoneState } from './home-state.js';
import { apiTime } from './times.js';

/** `userInfo` of a V1 login, with every key the real server sends. */
export function v1UserInfo(account: EvohomeMockAccount): Record<string, unknown> {
  return {
    userID: account.userId,
    username: account.username,
    firstname: account.firstname,
    lastname: account.lastname,
    streetAddress: '1 Main Street',
    city: 'London',
    zipcode: 'E1 1AA',
    country: 'GB',
    telephone: '',
    userLanguage: 'en-GB',
    isActivated: true,
    deviceCount: 0,
    tenantID: 5,
    securityQuestion1: 'NotUsed',
    securityQuestion2: 'NotUsed',
    securityQuestion3: 'NotUsed',
    latestEulaAccepted: account.eulaAccepted ?? true,
  };
}

const ACCOUNT_INFO_KEYS = [
  'userID',
  'username',
  'firstname',
  'lastname',
  'streetAddress',
  'city',
  'zipcode',
  'country',
  'telephone',
  'userLanguage',
] as const;

/** `GET accountInfo`: the login's `userInfo` without the account-state keys. */
export function v1AccountInfo(account: EvohomeMockAccount): Record<string, unknown> {
  const info = v1UserInfo(account);
  return Object.fromEntries(ACCOUNT_INFO_KEYS.map((key) => [key, info[key]]));
}

function thermostat(
  temperature: number | null,
  allowedModes: string[],
  maxHeatSetpoint: number,
  changeableValues: Record<string, unknown>,
): Record<string, unknown> {
  return {
    units: 'Celsius',
    indoorTemperature: temperature ?? V1_TEMPERATURE_NOT_AVAILABLE,
    outdoorTemperature: V1_TEMPERATURE_NOT_AVAILABLE,
    outdoorTemperatureAvailable: false,
    outdoorHumidity: V1_TEMPERATURE_NOT_AVAILABLE,
    outdootHumidityAvailable: false,
    indoorHumidity: V1_TEMPERATURE_NOT_AVAILABLE,
    indoorTemperatureStatus: temperature === null ? 'NotAvailable' : 'Measured',
    indoorHumidityStatus: 'NotAvailable',
    outdoorTemperatureStatus: 'NotAvailable',
    outdoorHumidityStatus: 'NotAvailable',
    isCommercial: false,
    allowedModes,
    deadband: 0,
    minHeatSetpoint: 5,
    maxHeatSetpoint,
    minCoolSetpoint: 50,
    maxCoolSetpoint: 90,
    changeableValues,
    scheduleCapable: false,
    vacationHoldChangeable: false,
    vacationHoldCancelable: false,
    scheduleHeatSp: 0,
    scheduleCoolSp: 0,
  };
}

/** Every alert setting the vendor sends for a device (the recorded set and defaults). */
function alertSettings(id: number): Record<string, unknown> {
  return {
    deviceID: id,
    tempHigherThanActive: true,
    tempHigherThan: 30,
    tempHigherThanMinutes: 0,
    tempLowerThanActive: true,
    tempLowerThan: 5,
    tempLowerThanMinutes: 0,
    faultConditionExistsActive: false,
    faultConditionExistsHours: 0,
    normalConditionsActive: true,
    communicationLostActive: false,
    communicationLostHours: 0,
    communicationFailureActive: true,
    communicationFailureMinutes: 15,
    deviceLostActive: false,
    deviceLostHours: 0,
  };
}

function device(
  location: LocationState,
  id: number,
  model: 'EMEA_ZONE' | 'DOMESTIC_HOT_WATER',
  name: string,
  state: Record<string, unknown>,
  instance: number,
): Record<string, unknown> {
  return {
    gatewayId: location.gatewayId,
    deviceID: id,
    thermostatModelType: model,
    deviceType: 128,
    name,
    scheduleCapable: false,
    holdUntilCapable: false,
    thermostat: state,
    alertSettings: alertSettings(id),
    isUpgrading: false,
    isAlive: true,
    thermostatVersion: '02.00.19.33',
    macID: '00D02D000000',
    locationID: location.id,
    domainID: 28111,
    instance,
  };
}

/** V1's name of a V2 setpoint mode. */
const V1_STATUS = { FollowSchedule: 'Scheduled', PermanentOverride: 'Hold', TemporaryOverride: 'Temporary' };

function zoneDevice(location: LocationState, zone: ZoneState, instance: number) {
  const heatSetpoint: Record<string, unknown> = { value: zone.setpoint, status: V1_STATUS[zone.mode] };
  if (zone.until !== undefined) heatSetpoint.nextTime = apiTime(zone.until);
  return device(
    location,
    zone.id,
    'EMEA_ZONE',
    zone.name,
    thermostat(zone.temperature, ['Heat', 'Off'], 35, { mode: 'Off', heatSetpoint, vacationHoldDays: 0 }),
    instance,
  );
}

function dhwDevice(location: LocationState, dhw: DhwState) {
  const values: Record<string, unknown> = { mode: dhw.on ? 'DHWOn' : 'DHWOff', status: V1_STATUS[dhw.mode] };
  if (dhw.until !== undefined) values.nextTime = apiTime(dhw.until);
  return device(
    location,
    dhw.id,
    'DOMESTIC_HOT_WATER',
    '',
    thermostat(dhw.temperature, ['DHWOn', 'DHWOff'], 30, values),
    250,
  );
}

/** `GET locations?userId=..&allData=True`: every location with devices, weather and time zone. */
export function v1Locations(
  account: EvohomeMockAccount,
  locations: readonly LocationState[],
): Array<Record<string, unknown>> {
  return locations.map((location) => ({
    locationID: location.id,
    name: location.name,
    streetAddress: '1 Main Street',
    city: 'London',
    state: '',
    country: 'GB',
    zipcode: 'E1 1AA',
    type: 'Residential',
    hasStation: true,
    devices: [
      ...(location.dhw ? [dhwDevice(location, location.dhw)] : []),
      ...location.zones.map((zone, index) => zoneDevice(location, zone, index)),
    ],
    oneTouchButtons: [],
    weather: { condition: 'Cloudy', temperature: 11, units: 'Celsius', humidity: 81, phrase: 'Cloudy' },
    daylightSavingTimeEnabled: true,
    timeZone: {
      id: 'GMT Standard Time',
      displayName: '(UTC) Dublin, Edinburgh, Lisbon, London',
      offsetMinutes: 0,
      currentOffsetMinutes: 0,
      usingDaylightSavingTime: true,
    },
    oneTouchActionsSuspended: false,
    isLocationOwner: true,
    locationOwnerID: account.userId,
    locationOwnerName: `${account.firstname} ${account.lastname}`,
    locationOwnerUserName: account.username,
    canSearchForContractors: true,
    contractor: {
      info: { contractorID: 1839 },
      monitoring: { levelOfAccess: 'Partial', contactPreferences: [] },
    },
  }));
}
