import { z } from 'zod';
import { lenient, lenientList } from './lenient.js';

/**
 * A device's `state` from `GET cc/<ver>/devices`, with every field the
 * recorded hub reply holds. Only `type` (`STATE_LIGHT`, `STATE_TWILIGHT`,
 * `STATE_MULTI_SENSOR`…, an open set) is strict: a `CMD_DEVICE` command
 * sends it back. The rest is read leniently — a value of another type reads
 * as `undefined` — and fields other device kinds carry pass through.
 */
export const deviceStateSchema = z.looseObject({
  type: z.string().min(1),
  /** Last contact with the device, ms since the epoch. */
  lastSeen: lenient(z.number()),
  reachable: lenient(z.boolean()),
  isOn: lenient(z.boolean()),
  /** 0 to 1. */
  brightness: lenient(z.number()),
  /** `ct` (colour temperature) or `hs` (hue and saturation) on the recorded lights. */
  colorMode: lenient(z.string()),
  /** Radians, 0 to 2π; -1 when the light has no colour. */
  hue: lenient(z.number()),
  /** 0 to 1; -1 when the light has no colour. */
  saturation: lenient(z.number()),
  /** Kelvin on a light (-1 in colour mode); °C on a sensor. */
  temperature: lenient(z.number()),
  minTemperature: lenient(z.number()),
  maxTemperature: lenient(z.number()),
  /** `null` in the recording: no transition. */
  transitionMsec: lenient(z.number().nullable()),
  /** Relative humidity of a multi-sensor (python-cozify's `multisensor`), %. */
  humidity: lenient(z.number()),
  /** A twilight sensor: true between dusk and dawn. */
  twilight: lenient(z.boolean()),
  twilightStart: lenient(z.number()),
  twilightStop: lenient(z.number()),
});

/** A device's state as the hub reports it. */
export type CozifyDeviceState = z.infer<typeof deviceStateSchema>;

/**
 * One device of `GET cc/<ver>/devices`, with every field of the recorded
 * reply. `id` (what commands name) and `state.type` are strict; everything
 * else is read leniently (lists drop entries that are not strings, a field
 * of another type reads as `undefined`) and unknown fields pass through.
 */
export const deviceSchema = z.looseObject({
  id: z.string().min(1),
  name: lenient(z.string()),
  /** `LIGHT`, `TWILIGHT`, `MULTI_SENSOR`… (an open set). */
  type: lenient(z.string()),
  manufacturer: lenient(z.string().nullable()),
  model: lenient(z.string().nullable()),
  description: lenient(z.string().nullable()),
  /** Always `null` in the recording; kept as sent. */
  deviceType: z.unknown().optional(),
  /** What the device can do: `values` holds `ON_OFF`, `BRIGHTNESS`, `COLOR_TEMP`, `COLOR_HS`, `TWILIGHT`… */
  capabilities: lenient(
    z.looseObject({
      type: lenient(z.string()),
      values: lenientList(z.string()),
    }),
  ),
  state: deviceStateSchema,
  /** Room ids. */
  room: lenientList(z.string()),
  /** Zone ids. */
  zones: lenientList(z.string()),
  /** Group ids. */
  groups: lenientList(z.string()),
  /** Access bits (509 in the recording). */
  rwx: lenient(z.number()),
  /** Last change, ms since the epoch. */
  timestamp: lenient(z.number()),
});

/** One device on a hub. */
export type CozifyDevice = z.infer<typeof deviceSchema>;

/** `GET cc/<ver>/devices`: device id -> device. */
export const devicesSchema = z.record(z.string(), deviceSchema);
