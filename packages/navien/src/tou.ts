import { tolerant, tolerantList } from '@tokenwise/auth-core/vendor';
import { z } from 'zod';

const int = () => tolerant(z.number().int());

/**
 * One priced window of a time-of-use season. `week` is a weekday bit field
 * (Sunday bit 7 … Saturday bit 1), prices are integers scaled by
 * `10^decimalPoint`. This SDK hands them on undecoded, so they are read
 * leniently and unknown fields pass through.
 */
export const touIntervalSchema = z.looseObject({
  week: int(),
  startHour: int(),
  startMinute: int(),
  endHour: int(),
  endMinute: int(),
  priceMin: int(),
  priceMax: int(),
  decimalPoint: int(),
});

/** A priced window of a time-of-use season. */
export type NavienTouInterval = z.infer<typeof touIntervalSchema>;

/** One season of a plan: `season` is a month bit field (bit N-1 for month N). */
export const touSeasonSchema = z.looseObject({
  season: int(),
  interval: tolerantList(touIntervalSchema),
});

/** One season of a time-of-use plan. */
export type NavienTouSeason = z.infer<typeof touSeasonSchema>;

/** `touInfo`: the plan a device runs. The controller and manufacturer ids identify the device's controller. */
export const touInfoSchema = z.looseObject({
  controllerId: tolerant(z.string()),
  manufactureId: tolerant(z.string()),
  name: tolerant(z.string()),
  utility: tolerant(z.string()),
  /** A number in the recording; nwp500 sends it as a string. */
  zipCode: tolerant(z.union([z.number(), z.string()])),
  schedule: tolerantList(touSeasonSchema),
});

/** The time-of-use plan of a device. */
export type NavienTouPlan = z.infer<typeof touInfoSchema>;

/**
 * `data` of `GET /device/tou` (and of `PUT /device/tou`). `touInfo` is the
 * answer itself, so it must be an object; `registerPath` (`bt`, `wifi`…) and
 * `sourceType` (`openei`…) are open sets read as plain strings.
 */
export const touDataSchema = z.looseObject({
  registerPath: tolerant(z.string()),
  sourceType: tolerant(z.string()),
  touInfo: touInfoSchema,
});

/** A device's time-of-use information. */
export type NavienTouInfo = z.infer<typeof touDataSchema>;

const hour = z.number().int().min(0).max(23);
const minute = z.number().int().min(0).max(59);

/** A plan as `PUT /device/tou` takes it; `updateTou` checks it before anything is sent. */
export const touPlanInputSchema = z.object({
  name: z.string().min(1),
  utility: z.string().optional(),
  zipCode: z.union([z.string().min(1), z.number().int()]).optional(),
  schedule: z.array(
    z.object({
      season: z.number().int().min(0).max(0xfff),
      interval: z.array(
        z.object({
          week: z.number().int().min(0).max(0xff),
          startHour: hour,
          startMinute: minute,
          endHour: hour,
          endMinute: minute,
          priceMin: z.number().int().min(0),
          priceMax: z.number().int().min(0),
          decimalPoint: z.number().int().min(0).max(9),
        }),
      ),
    }),
  ),
});

/** A time-of-use plan to apply to a device (the `touInfo` of `PUT /device/tou`). */
export type NavienTouPlanInput = z.input<typeof touPlanInputSchema>;
