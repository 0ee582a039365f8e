import { tolerant } from '@tokenwise/auth-core/vendor';
import { z } from 'zod';

/** 200 answer of `POST /Auth/OAuth/Token` (both grants). `expires_in` is about 1800 s. */
export const v2TokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().positive(),
  refresh_token: z.string().min(1),
  scope: z.string().optional(),
});

/** 200 answer of the token endpoint. */
export type V2TokenResponse = z.infer<typeof v2TokenResponseSchema>;

/** Error body of the token endpoint: `invalid_grant`, `attempt_limit_exceeded`, ... */
export const v2TokenErrorSchema = z.looseObject({ error: z.string() });

/** 400/401/404 body of a data call: a list of `{code, message, parameterName?}`. */
export const v2FailureListSchema = z
  .array(z.looseObject({ code: z.string(), message: z.string(), parameterName: z.string().optional() }))
  .min(1);

/** 404/405/500 body of a data call: `{message}`. */
export const v2FailureMessageSchema = z.looseObject({ message: z.string(), code: z.string().optional() });

/** 200 answer of `GET userAccount`. `userId` is a string of digits in V2; the rest is passed through. */
export const v2UserAccountSchema = z.looseObject({
  userId: z.string().min(1),
  username: tolerant(z.string()),
  firstname: tolerant(z.string()),
  lastname: tolerant(z.string()),
  streetAddress: tolerant(z.string()),
  city: tolerant(z.string()),
  postcode: tolerant(z.string()),
  country: tolerant(z.string()),
  language: tolerant(z.string()),
});

/**
 * The V2 account.
 *
 * @useDeclaredType
 */
export type V2UserAccount = z.infer<typeof v2UserAccountSchema>;

const v2ZoneInfoSchema = z.looseObject({
  zoneId: z.string(),
  name: tolerant(z.string()),
  modelType: tolerant(z.string()),
  zoneType: tolerant(z.string()),
  setpointCapabilities: tolerant(
    z.looseObject({
      minHeatSetpoint: tolerant(z.number()),
      maxHeatSetpoint: tolerant(z.number()),
      valueResolution: tolerant(z.number()),
      allowedSetpointModes: tolerant(z.array(z.string())),
    }),
  ),
  scheduleCapabilities: tolerant(z.looseObject({})),
});

const v2AllowedSystemModeSchema = z.looseObject({
  systemMode: z.string(),
  canBePermanent: tolerant(z.boolean()),
  canBeTemporary: tolerant(z.boolean()),
  timingMode: tolerant(z.string()),
  maxDuration: tolerant(z.string()),
  timingResolution: tolerant(z.string()),
});

const v2SystemInfoSchema = z.looseObject({
  systemId: z.string(),
  modelType: tolerant(z.string()),
  zones: z.array(v2ZoneInfoSchema),
  dhw: z
    .looseObject({
      dhwId: z.string(),
      dhwStateCapabilitiesResponse: tolerant(z.looseObject({})),
      scheduleCapabilitiesResponse: tolerant(z.looseObject({})),
    })
    .optional(),
  allowedSystemModes: tolerant(z.array(v2AllowedSystemModeSchema)),
});

const v2GatewayInfoSchema = z.looseObject({
  gatewayId: z.string(),
  mac: tolerant(z.string()),
  crc: tolerant(z.string()),
  isWiFi: tolerant(z.boolean()),
});

/** One location of `GET location/installationInfo`: its gateways, systems, zones and hot water. */
export const v2LocationInstallationSchema = z.looseObject({
  locationInfo: z.looseObject({
    locationId: z.string(),
    name: tolerant(z.string()),
    streetAddress: tolerant(z.string()),
    city: tolerant(z.string()),
    country: tolerant(z.string()),
    postcode: tolerant(z.string()),
    locationType: tolerant(z.string()),
    timeZone: tolerant(
      z.looseObject({
        timeZoneId: tolerant(z.string()),
        displayName: tolerant(z.string()),
        offsetMinutes: tolerant(z.number()),
        currentOffsetMinutes: tolerant(z.number()),
      }),
    ),
  }),
  gateways: z.array(
    z.looseObject({
      gatewayInfo: v2GatewayInfoSchema,
      temperatureControlSystems: z.array(v2SystemInfoSchema),
    }),
  ),
});

/**
 * One V2 location's configuration.
 *
 * @useDeclaredType
 */
export type V2LocationInstallation = z.infer<typeof v2LocationInstallationSchema>;

/** 200 answer of `GET location/installationInfo?userId=..&includeTemperatureControlSystems=True`; may be `[]`. */
export const v2InstallationSchema = z.array(v2LocationInstallationSchema);

/**
 * 200 answer of `GET gateway`. No recording of it exists (only
 * evohome-client calls it), so every item is passed through as sent; the
 * simulator answers each gateway's `gatewayInfo` with its `locationId`.
 */
export const v2GatewaysSchema = z.array(
  z.looseObject({
    gatewayInfo: tolerant(v2GatewayInfoSchema),
    locationId: tolerant(z.string()),
  }),
);

/**
 * One item of `GET gateway`.
 *
 * @useDeclaredType
 */
export type V2Gateway = z.infer<typeof v2GatewaysSchema>[number];

// A fault is reported, not acted on: a new fault type or a missing `since` must not hide the status.
const v2FaultSchema = z.looseObject({ faultType: tolerant(z.string()), since: tolerant(z.string()) });
const v2FaultsSchema = tolerant(z.array(v2FaultSchema));

const v2TemperatureStatusSchema = z.looseObject({
  temperature: z.number().optional(),
  isAvailable: z.boolean(),
});

/** 200 answer of `GET temperatureZone/{id}/status`, and each zone of a location's status. */
export const v2ZoneStatusSchema = z.looseObject({
  zoneId: z.string(),
  name: tolerant(z.string()),
  temperatureStatus: v2TemperatureStatusSchema,
  setpointStatus: z.looseObject({
    targetHeatTemperature: z.number(),
    setpointMode: z.string(),
    until: z.string().optional(),
  }),
  activeFaults: v2FaultsSchema,
});

/**
 * One zone's status.
 *
 * @useDeclaredType
 */
export type V2ZoneStatus = z.infer<typeof v2ZoneStatusSchema>;

/** 200 answer of `GET domesticHotWater/{id}/status`, and the hot water of a location's status. */
export const v2DhwStatusSchema = z.looseObject({
  dhwId: z.string(),
  temperatureStatus: v2TemperatureStatusSchema.optional(),
  stateStatus: z
    .looseObject({ state: z.string(), mode: z.string(), until: z.string().optional() })
    .optional(),
  activeFaults: v2FaultsSchema,
});

/**
 * The hot water's status.
 *
 * @useDeclaredType
 */
export type V2DhwStatus = z.infer<typeof v2DhwStatusSchema>;

/** 200 answer of `GET temperatureControlSystem/{id}/status`, and each system of a location's status. */
export const v2SystemStatusSchema = z.looseObject({
  systemId: z.string(),
  zones: z.array(v2ZoneStatusSchema),
  dhw: v2DhwStatusSchema.optional(),
  // The evohome-client skeleton payload carries a bare string here; real servers send the object.
  systemModeStatus: z.union([
    z.looseObject({ mode: z.string(), isPermanent: z.boolean(), timeUntil: z.string().optional() }),
    z.string(),
  ]),
  activeFaults: v2FaultsSchema,
});

/**
 * One system's status.
 *
 * @useDeclaredType
 */
export type V2SystemStatus = z.infer<typeof v2SystemStatusSchema>;

/** 200 answer of `GET location/{id}/status?includeTemperatureControlSystems=True`: the call to poll. */
export const v2LocationStatusSchema = z.looseObject({
  // Real servers put the id at the top; the evohome-client skeleton nests it in locationInfo.
  locationId: z.string().optional(),
  locationInfo: z.looseObject({ locationId: z.string() }).optional(),
  gateways: z.array(
    z.looseObject({
      gatewayId: z.string(),
      temperatureControlSystems: z.array(v2SystemStatusSchema),
      activeFaults: v2FaultsSchema,
    }),
  ),
});

/**
 * One V2 location's status.
 *
 * @useDeclaredType
 */
export type V2LocationStatus = z.infer<typeof v2LocationStatusSchema>;

/** 200 answer of `GET temperatureZone/{id}/schedule` or `domesticHotWater/{id}/schedule`; may have no days. */
export const v2ScheduleSchema = z.looseObject({
  dailySchedules: z.array(
    z.looseObject({
      dayOfWeek: z.string(),
      switchpoints: z.array(
        z.looseObject({
          timeOfDay: z.string(),
          heatSetpoint: z.number().optional(),
          dhwState: z.string().optional(),
        }),
      ),
    }),
  ),
});

/**
 * A weekly schedule as read.
 *
 * @useDeclaredType
 */
export type V2Schedule = z.infer<typeof v2ScheduleSchema>;

// Ids are strings in every recording; a number would still name the same task.
const taskIdSchema = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform(String);
const v2TaskItemSchema = z.looseObject({ id: taskIdSchema });

/** 200 answer of a V2 write: the task id (an object; a one-item list is read too). */
export const v2TaskSchema = z
  .union([v2TaskItemSchema, z.array(v2TaskItemSchema).min(1)])
  .transform((answer) => (Array.isArray(answer) ? (answer[0]?.id ?? '') : answer.id));

const v2CommTaskItemSchema = z.looseObject({ commtaskId: tolerant(z.string()), state: z.string() });

/** 200 answer of `GET commTasks?commTaskId=..`: `Created`, `Running`, then `Succeeded`. */
export const v2CommTaskSchema = z
  .union([v2CommTaskItemSchema, z.array(v2CommTaskItemSchema).min(1)])
  .transform((answer) => (Array.isArray(answer) ? (answer[0] ?? { state: '' }) : answer));
