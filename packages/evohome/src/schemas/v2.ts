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

/** 200 answer of `GET userAccount`. `userId` is a string of digits in V2. */
export const v2UserAccountSchema = z.looseObject({
  userId: z.string().min(1),
  username: z.string().optional(),
  firstname: z.string().optional(),
  lastname: z.string().optional(),
  streetAddress: z.string().optional(),
  city: z.string().optional(),
  postcode: z.string().optional(),
  country: z.string().optional(),
  language: z.string().optional(),
});

/** The V2 account. */
export type V2UserAccount = z.infer<typeof v2UserAccountSchema>;

const v2ZoneInfoSchema = z.looseObject({
  zoneId: z.string(),
  name: z.string().optional(),
  modelType: z.string().optional(),
  zoneType: z.string().optional(),
  setpointCapabilities: z.looseObject({}).optional(),
  scheduleCapabilities: z.looseObject({}).optional(),
});

const v2SystemInfoSchema = z.looseObject({
  systemId: z.string(),
  modelType: z.string().optional(),
  zones: z.array(v2ZoneInfoSchema),
  dhw: z.looseObject({ dhwId: z.string() }).optional(),
  allowedSystemModes: z
    .array(
      z.looseObject({ systemMode: z.string(), canBePermanent: z.boolean(), canBeTemporary: z.boolean() }),
    )
    .optional(),
});

/** One location of `GET location/installationInfo`: its gateways, systems, zones and hot water. */
export const v2LocationInstallationSchema = z.looseObject({
  locationInfo: z.looseObject({
    locationId: z.string(),
    name: z.string().optional(),
    timeZone: z.looseObject({ timeZoneId: z.string() }).optional(),
  }),
  gateways: z.array(
    z.looseObject({
      gatewayInfo: z.looseObject({ gatewayId: z.string() }),
      temperatureControlSystems: z.array(v2SystemInfoSchema),
    }),
  ),
});

/** One V2 location's configuration. */
export type V2LocationInstallation = z.infer<typeof v2LocationInstallationSchema>;

/** 200 answer of `GET location/installationInfo?userId=..&includeTemperatureControlSystems=True`; may be `[]`. */
export const v2InstallationSchema = z.array(v2LocationInstallationSchema);

const v2FaultSchema = z.looseObject({ faultType: z.string(), since: z.string() });

const v2TemperatureStatusSchema = z.looseObject({
  temperature: z.number().optional(),
  isAvailable: z.boolean(),
});

const v2ZoneStatusSchema = z.looseObject({
  zoneId: z.string(),
  name: z.string().optional(),
  temperatureStatus: v2TemperatureStatusSchema,
  setpointStatus: z.looseObject({
    targetHeatTemperature: z.number(),
    setpointMode: z.string(),
    until: z.string().optional(),
  }),
  activeFaults: z.array(v2FaultSchema).optional(),
});

const v2SystemStatusSchema = z.looseObject({
  systemId: z.string(),
  zones: z.array(v2ZoneStatusSchema),
  dhw: z
    .looseObject({
      dhwId: z.string(),
      temperatureStatus: v2TemperatureStatusSchema.optional(),
      stateStatus: z
        .looseObject({ state: z.string(), mode: z.string(), until: z.string().optional() })
        .optional(),
      activeFaults: z.array(v2FaultSchema).optional(),
    })
    .optional(),
  // The evohome-client skeleton payload carries a bare string here; real servers send the object.
  systemModeStatus: z.union([
    z.looseObject({ mode: z.string(), isPermanent: z.boolean(), timeUntil: z.string().optional() }),
    z.string(),
  ]),
  activeFaults: z.array(v2FaultSchema).optional(),
});

/** 200 answer of `GET location/{id}/status?includeTemperatureControlSystems=True`: the call to poll. */
export const v2LocationStatusSchema = z.looseObject({
  // Real servers put the id at the top; the evohome-client skeleton nests it in locationInfo.
  locationId: z.string().optional(),
  locationInfo: z.looseObject({ locationId: z.string() }).optional(),
  gateways: z.array(
    z.looseObject({
      gatewayId: z.string(),
      temperatureControlSystems: z.array(v2SystemStatusSchema),
      activeFaults: z.array(v2FaultSchema).optional(),
    }),
  ),
});

/** One V2 location's status. */
export type V2LocationStatus = z.infer<typeof v2LocationStatusSchema>;

/** 200 answer of `GET temperatureZone/{id}/schedule` or `domesticHotWater/{id}/schedule`. */
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

/** 200 answer of a V2 write: the task id. */
export const v2TaskSchema = z.looseObject({ id: z.string() });
