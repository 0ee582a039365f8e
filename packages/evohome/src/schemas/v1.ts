import { tolerant } from '@tokenwise/auth-core/vendor';
import { z } from 'zod';

/**
 * A V1 failure body: a list of `{code, message}`. Used for 401, 403 and 429.
 * Codes seen: `Unauthorized`, `EmailOrPasswordIncorrect`, `TooManyRequests`, `LatestEulaNotAccepted`.
 */
export const v1FailureSchema = z
  .array(z.looseObject({ code: z.string(), message: z.string().optional() }))
  .min(1);

/** One item of a V1 failure body. */
export type V1Failure = z.infer<typeof v1FailureSchema>[number];

/**
 * The account part of a V1 login. It holds personal data (name, address), so
 * it lives only in the store and in files the user asks for. Loose: the
 * vendor adds keys over time and the Python library saves them all.
 */
export const v1UserInfoSchema = z.looseObject({
  userID: z.number().int().nonnegative(),
  username: z.string().optional(),
  latestEulaAccepted: z.boolean().optional(),
});

/**
 * The account part of a V1 login.
 *
 * @useDeclaredType
 */
export type V1UserInfo = z.infer<typeof v1UserInfoSchema>;

/** 200 answer of `POST /WebAPI/api/session`. */
export const v1SessionResponseSchema = z.looseObject({
  sessionId: z.string().min(1),
  userInfo: v1UserInfoSchema,
});

/** 200 answer of `POST /WebAPI/api/session`. */
export type V1SessionResponse = z.infer<typeof v1SessionResponseSchema>;

/** 200 answer of `GET /WebAPI/api/accountInfo`. */
export const v1AccountInfoSchema = z.looseObject({
  userID: z.number().int(),
  username: z.string(),
});

// Strict: the set point and the reading (with its status) are what the SDK computes with, and
// the model type tells hot water from zones. Everything else is passed through leniently.
const v1HeatSetpointSchema = z.looseObject({
  value: z.number().nullable(),
  status: tolerant(z.string()),
  nextTime: tolerant(z.string()),
});

/** Thermostat block of a V1 device; `indoorTemperature` 128 means "not available". */
export const v1ThermostatSchema = z.looseObject({
  units: tolerant(z.string()),
  indoorTemperature: z.number(),
  indoorTemperatureStatus: z.string().optional(),
  allowedModes: tolerant(z.array(z.string())),
  minHeatSetpoint: tolerant(z.number()),
  maxHeatSetpoint: tolerant(z.number()),
  changeableValues: z.looseObject({
    mode: tolerant(z.string()),
    status: tolerant(z.string()),
    nextTime: tolerant(z.string()),
    heatSetpoint: v1HeatSetpointSchema.optional(),
  }),
});

/** Alert settings of a V1 device (thresholds and which alerts are on); passed through as sent. */
export const v1AlertSettingsSchema = z.looseObject({
  deviceID: tolerant(z.number()),
  tempHigherThanActive: tolerant(z.boolean()),
  tempHigherThan: tolerant(z.number()),
  tempLowerThanActive: tolerant(z.boolean()),
  tempLowerThan: tolerant(z.number()),
  communicationFailureActive: tolerant(z.boolean()),
  communicationFailureMinutes: tolerant(z.number()),
});

/** One zone or hot-water device of a V1 location. */
export const v1DeviceSchema = z.looseObject({
  deviceID: z.number().int(),
  thermostatModelType: z.string(),
  name: tolerant(z.string()),
  gatewayId: tolerant(z.number()),
  locationID: tolerant(z.number().int()),
  isAlive: tolerant(z.boolean()),
  thermostat: v1ThermostatSchema,
  alertSettings: tolerant(v1AlertSettingsSchema),
});

/**
 * One V1 device.
 *
 * @useDeclaredType
 */
export type V1Device = z.infer<typeof v1DeviceSchema>;

/** One location of `GET /WebAPI/api/locations?userId=..&allData=True`. */
export const v1LocationSchema = z.looseObject({
  locationID: z.number().int(),
  name: tolerant(z.string()),
  devices: z.array(v1DeviceSchema),
});

/**
 * One V1 location.
 *
 * @useDeclaredType
 */
export type V1Location = z.infer<typeof v1LocationSchema>;

/** 200 answer of `GET /WebAPI/api/locations?userId=..&allData=True`: every location of the user. */
export const v1LocationsSchema = z.array(v1LocationSchema);

// Ids are strings in every recording; a number would still name the same task.
const taskIdSchema = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform(String);
const v1TaskItemSchema = z.looseObject({ id: taskIdSchema });

/** 200 answer of a V1 write: a task id, as an object or a one-item list. */
export const v1TaskSchema = z
  .union([v1TaskItemSchema, z.array(v1TaskItemSchema).min(1)])
  .transform((answer) => (Array.isArray(answer) ? (answer[0]?.id ?? '') : answer.id));

/** 200 answer of `GET /WebAPI/api/commTasks?commTaskId=..`: `pending` until `Succeeded`. */
export const v1CommTaskSchema = z.looseObject({ state: z.string() });

/** A V1 task's state as read. */
export type V1CommTask = z.infer<typeof v1CommTaskSchema>;
