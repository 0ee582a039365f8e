import { z } from 'zod';
import { lenient, lenientList } from './lenient.js';

/**
 * One firmware module of a device (`POST /device/firmware/info`). The NWP500
 * reports four (controller, panel, Wi-Fi module...), told apart by
 * `curSwCode`. This SDK decodes none of the numbers, so every field is read
 * leniently and fields the cloud adds later pass through.
 */
export const firmwareSchema = z.looseObject({
  macAddress: lenient(z.string()),
  additionalValue: lenient(z.string()),
  deviceType: lenient(z.number().int()),
  /** `null` in the recording; the vendor docs show `"NWP500"`. */
  deviceGroup: lenient(z.string().nullable()),
  /** Software code identifying the module. */
  curSwCode: lenient(z.number().int()),
  /** Installed version, packed as an integer. */
  curVersion: lenient(z.number().int()),
  /** A downloaded version waiting to be installed: `0` or `null` when there is none. */
  downloadedVersion: lenient(z.number().int().nullable()),
});

/** One firmware module of a device, as the cloud reports it. */
export type NavienFirmware = z.infer<typeof firmwareSchema>;

/** `data` of `POST /device/firmware/info`; a missing or malformed list reads as empty. */
export const firmwareInfoDataSchema = lenient(z.object({ firmwares: lenientList(firmwareSchema) }));
