import { V1_TEMPERATURE_NOT_AVAILABLE } from './constants.js';
import type { V1Device, V1Location } from './schemas/v1.js';

/** One zone or hot-water reading, as the Python `temperatures()` yields it (plus the location). */
export interface EvohomeTemperature {
  /** `DOMESTIC_HOT_WATER` for hot water; every heating zone model reports as `EMEA_ZONE`. */
  thermostat: 'EMEA_ZONE' | 'DOMESTIC_HOT_WATER';
  /** The vendor's model type as sent (e.g. `EMEA_ZONE`, `EMEA_ROUND_WIRELESS`, `DOMESTIC_HOT_WATER`). */
  model: string;
  /** Device id. */
  id: number;
  /** Zone name; empty for hot water (and when the vendor sends none). */
  name: string;
  /** Measured temperature in °C (0.01 resolution), `null` when the sensor has no reading. */
  temp: number | null;
  /** Target temperature in °C for zones, `null` for hot water or when not set. */
  setpoint: number | null;
  /** Set-point status for zones (`Scheduled`, `Hold`, `Temporary`), DHW status for hot water. */
  status: string | null;
  /** Zone mode or DHW mode (`DHWOn`/`DHWOff`), when sent. */
  mode: string | null;
  /** The location the device belongs to. */
  locationId: number;
}

function temperatureOf(device: V1Device): number | null {
  const { indoorTemperature, indoorTemperatureStatus } = device.thermostat;
  if (indoorTemperatureStatus === 'NotAvailable' || indoorTemperature === V1_TEMPERATURE_NOT_AVAILABLE) {
    return null;
  }
  return indoorTemperature;
}

/** Flattens every device of every location into readings. */
export function temperaturesOf(locations: readonly V1Location[]): EvohomeTemperature[] {
  return locations.flatMap((location) =>
    location.devices.map((device): EvohomeTemperature => {
      const values = device.thermostat.changeableValues;
      const isDhw = device.thermostatModelType === 'DOMESTIC_HOT_WATER';
      return {
        thermostat: isDhw ? 'DOMESTIC_HOT_WATER' : 'EMEA_ZONE',
        model: device.thermostatModelType,
        id: device.deviceID,
        name: device.name ?? '',
        temp: temperatureOf(device),
        setpoint: isDhw ? null : (values.heatSetpoint?.value ?? null),
        status: values.heatSetpoint?.status ?? values.status ?? null,
        mode: values.mode ?? null,
        locationId: location.locationID,
      };
    }),
  );
}
