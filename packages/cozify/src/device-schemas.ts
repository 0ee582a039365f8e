import { tolerant, tolerantList } from '@tokenwise/auth-core/vendor';
import { z } from 'zod';

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
  lastSeen: tolerant(z.number()),
  reachable: tolerant(z.boolean()),
  isOn: tolerant(z.boolean()),
  /** 0 to 1. */
  brightness: tolerant(z.number()),
  /** `ct` (colour temperature) or `hs` (hue and saturation) on the recorded lights. */
  colorMode: tolerant(z.string()),
  /** Radians, 0 to 2π; -1 when the light has no colour. */
  hue: tolerant(z.number()),
  /** 0 to 1; -1 when the light has no colour. */
  saturation: tolerant(z.number()),
  /** Kelvin on a light (-1 in colour mode); °C on a sensor. */
  temperature: tolerant(z.number()),
  minTemperature: tolerant(z.number()),
  maxTemperature: tolerant(z.number()),
  /** `null` in the recording: no transition. */
  transitionMsec: tolerant(z.number().nullable()),
  /** Relative humidity of a multi-sensor (python-cozify's `multisensor`), %. */
  humidity: tolerant(z.number()),
  /** A twilight sensor: true between dusk and dawn. */
  twilight: tolerant(z.boolean()),
  twilightStart: tolerant(z.number()),
  twilightStop: tolerant(z.number()),
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
  name: tolerant(z.string()),
  /** `LIGHT`, `TWILIGHT`, `MULTI_SENSOR`… (an open set). */
  type: tolerant(z.string()),
  manufacturer: tolerant(z.string().nullable()),
  model: tolerant(z.string().nullable()),
  description: tolerant(z.string().nullable()),
  /** Always `null` in the recording; kept as sent. */
  deviceType: z.unknown().optional(),
  /** What the device can do: `values` holds `ON_OFF`, `BRIGHTNESS`, `COLOR_TEMP`, `COLOR_HS`, `TWILIGHT`… */
  capabilities: tolerant(
    z.looseObject({
      type: tolerant(z.string()),
      values: tolerantList(z.string()),
    }),
  ),
  state: deviceStateSchema,
  /** Room ids. */
  room: tolerantList(z.string()),
  /** Zone ids. */
  zones: tolerantList(z.string()),
  /** Group ids. */
  groups: tolerantList(z.string()),
  /** Access bits (509 in the recording). */
  rwx: tolerant(z.number()),
  /** Last change, ms since the epoch. */
  timestamp: tolerant(z.number()),
});

/** One device on a hub. */
export type CozifyDevice = z.infer<typeof deviceSchema>;

/** `GET cc/<ver>/devices`: device id -> device. */
export const devicesSchema = z.record(z.string(), deviceSchema);
