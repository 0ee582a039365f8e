import { sessionBaseSchema } from '@tokenwise/auth-core/vendor';
import { z } from 'zod';

// Strict on the fields the SDK interprets, tolerant of everything else (zod objects strip extras).

/** A stored tado session: the rotating pair, and the homes the access token names. */
export const tadoSessionSchema = sessionBaseSchema.extend({
  vendor: z.literal('tado'),
  accessToken: z.string().min(1),
  /** Single use: every refresh spends it and stores the next one. */
  refreshToken: z.string().min(1),
  /** 30 days after issue, epoch ms. */
  refreshExpiresAt: z.number().finite().optional(),
  /** Home ids from the access token's `tado_homes` claim (a `/me` answer of `{}` falls back on them). */
  homeIds: z.array(z.number().int()).optional(),
});

/**
 * A stored tado session.
 *
 * @useDeclaredType
 */
export type TadoSession = z.infer<typeof tadoSessionSchema>;

/** `POST /oauth2/device_authorize` 200 (tado.md §1.3). */
export const deviceAuthorizationSchema = z.object({
  device_code: z.string().min(1),
  user_code: z.string().min(1),
  verification_uri: z.string().min(1),
  verification_uri_complete: z.string().min(1).optional(),
  expires_in: z.number().positive(),
  interval: z.number().nonnegative().optional(),
});

/** A device authorization as the wire sends it. */
export type DeviceAuthorization = z.infer<typeof deviceAuthorizationSchema>;

/** `POST /oauth2/token` 200 for the device-code and refresh grants (§1.5). */
export const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.number().positive(),
  token_type: z.string().optional(),
  scope: z.string().optional(),
  userId: z.string().optional(),
});

/** A token answer as the wire sends it. */
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

/** login.tado.com's flat error object (§4.2). */
export const oauthErrorSchema = z.object({
  error: z.string(),
  error_description: z.string().optional(),
  error_reason: z.string().optional(),
});

/** my.tado.com's error envelope (§4.1). */
export const restErrorSchema = z.object({
  errors: z.array(z.object({ code: z.string(), title: z.string().optional() })).min(1),
});

/** The access token claims the SDK reads. */
export const accessClaimsSchema = z.object({
  tado_homes: z.array(z.object({ id: z.number().int() })).optional(),
});

const homeRefSchema = z.object({ id: z.number().int(), name: z.string().optional() });

/** `GET /me` as sent: `homes`, or `homeId`, or `{}` (§3.1). */
export const meWireSchema = z
  .object({
    id: z.string().optional(),
    name: z.string().optional(),
    email: z.string().optional(),
    username: z.string().optional(),
    locale: z.string().optional(),
    homes: z.array(homeRefSchema).optional(),
    homeId: z.number().int().optional(),
  })
  .loose();

/**
 * A home reference: its id and, when `/me` says, its name.
 *
 * @useDeclaredType
 */
export type HomeRef = z.infer<typeof homeRefSchema>;

/**
 * `GET /me`, with `homes` always present (from `homes`, `homeId`, or the access token's `tado_homes`).
 *
 * @useDeclaredType
 */
export type TadoMe = Omit<z.infer<typeof meWireSchema>, 'homes'> & { homes: HomeRef[] };

const temperatureSchema = z.object({ celsius: z.number(), fahrenheit: z.number().optional() }).loose();

/** A zone setting: heating, hot water or air conditioning, on or off. */
export const zoneSettingSchema = z
  .object({
    type: z.string(),
    power: z.enum(['ON', 'OFF']).optional(),
    temperature: temperatureSchema.nullable().optional(),
  })
  .loose();

/**
 * A zone setting as sent and received.
 *
 * @useDeclaredType
 */
export type ZoneSetting = z.infer<typeof zoneSettingSchema>;

/** When an overlay ends: the app form (`typeSkillBasedApp`) and/or the legacy form (`type`). */
export const terminationSchema = z
  .object({
    type: z.string().optional(),
    typeSkillBasedApp: z.string().optional(),
    durationInSeconds: z.number().optional(),
    expiry: z.string().nullable().optional(),
    remainingTimeInSeconds: z.number().optional(),
    projectedExpiry: z.string().nullable().optional(),
  })
  .loose();

/** An overlay (manual setting over the schedule). */
export const overlaySchema = z
  .object({
    type: z.string().optional(),
    setting: zoneSettingSchema,
    termination: terminationSchema.optional(),
  })
  .loose();

/**
 * A zone overlay.
 *
 * @useDeclaredType
 */
export type ZoneOverlay = z.infer<typeof overlaySchema>;

/** `GET /homes/{homeId}/zones` element (§3.3). */
export const zoneSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    type: z.string(),
  })
  .loose();

/**
 * One zone of a home.
 *
 * @useDeclaredType
 */
export type Zone = z.infer<typeof zoneSchema>;

/** A zone's state (§3.4, §3.5). */
export const zoneStateSchema = z
  .object({
    tadoMode: z.string().optional(),
    setting: zoneSettingSchema,
    overlayType: z.string().nullable().optional(),
    overlay: overlaySchema.nullable().optional(),
    sensorDataPoints: z
      .object({
        insideTemperature: temperatureSchema.optional(),
        humidity: z.object({ percentage: z.number() }).loose().optional(),
      })
      .loose()
      .optional(),
  })
  .loose();

/**
 * The state of one zone.
 *
 * @useDeclaredType
 */
export type ZoneState = z.infer<typeof zoneStateSchema>;

/** `GET /homes/{homeId}/zoneStates`: states keyed by zone id as a string. */
export const zoneStatesSchema = z.object({ zoneStates: z.record(z.string(), zoneStateSchema) });

/** What `PUT …/overlay` takes (§3.6). */
export interface ZoneOverlayInput {
  setting: ZoneSetting;
  termination: {
    typeSkillBasedApp: 'MANUAL' | 'NEXT_TIME_BLOCK' | 'TADO_MODE' | 'TIMER';
    durationInSeconds?: number;
  };
}
