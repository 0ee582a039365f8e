import { tolerant, tolerantList } from '@tokenwise/auth-core/vendor';
import { z } from 'zod';

/**
 * One firmware module of a device (`POST /device/firmware/info`). The NWP500
 * reports four (controller, panel, Wi-Fi module...), told apart by
 * `curSwCode`. This SDK decodes none of the numbers, so every field is read
 * leniently and fields the cloud adds later pass through.
 */
export const firmwareSchema = z.looseObject({
  macAddress: tolerant(z.string()),
  additionalValue: tolerant(z.string()),
  deviceType: tolerant(z.number().int()),
  /** `null` in the recording; the vendor docs show `"NWP500"`. */
  deviceGroup: tolerant(z.string().nullable()),
  /** Software code identifying the module. */
  curSwCode: tolerant(z.number().int()),
  /** Installed version, packed as an integer. */
  curVersion: tolerant(z.number().int()),
  /** A downloaded version waiting to be installed: `0` or `null` when there is none. */
  downloadedVersion: tolerant(z.number().int().nullable()),
});

/** One firmware module of a device, as the cloud reports it. */
export type NavienFirmware = z.infer<typeof firmwareSchema>;

/** `data` of `POST /device/firmware/info`; a missing or malformed list reads as empty. */
export const firmwareInfoDataSchema = tolerant(z.object({ firmwares: tolerantList(firmwareSchema) }));
