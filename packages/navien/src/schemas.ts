import { sessionBaseSchema, tolerant, tolerantList } from '@tokenwise/auth-core/vendor';
import { z } from 'zod';

/**
 * Every NaviLink reply: `{code, msg, data?}`. `code` is 200 on success; a
 * missing `code` means "look at the HTTP status".
 */
export const envelopeSchema = z.object({
  code: z.number().int().optional(),
  msg: z.string().optional(),
  data: z.unknown().optional(),
});

/** The reply envelope. */
export type Envelope = z.infer<typeof envelopeSchema>;

/**
 * `authorizationExpiresIn` is an integer of seconds in the docs, but the one
 * recording masks it as a string; anything not numeric counts as unknown.
 */
const secondsSchema = z
  .union([z.number(), z.string(), z.null()])
  .optional()
  .transform((value) => {
    const seconds = typeof value === 'string' ? Number(value) : value;
    return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
  });

/** `data.userInfo` of a sign-in reply. Only shown to the user, so every field is read leniently. */
export const userInfoSchema = z.object({
  userType: tolerant(z.string()),
  userFirstName: tolerant(z.string()),
  userLastName: tolerant(z.string()),
  userStatus: tolerant(z.string()),
  userSeq: tolerant(z.number().int()),
});

/** The user as the cloud describes it. */
export type UserInfoData = z.infer<typeof userInfoSchema>;

/**
 * One entry of `data.legal[]` (terms the account agreed to). An entry without
 * a `legalType` string is dropped from the list; the other fields are read
 * leniently.
 */
export const legalSchema = z.object({
  legalType: z.string(),
  userVersion: tolerant(z.string().nullable()),
  userAgree: tolerant(z.number().nullable()),
  version: tolerant(z.string().nullable()),
  agreement: tolerant(z.number().nullable()),
  mandatory: tolerant(z.number().nullable()),
  reagree: tolerant(z.number().nullable()),
  url: tolerant(z.string().nullable()),
  description: tolerant(z.string().nullable()),
  language: tolerant(z.string().nullable()),
  revisionAt: tolerant(z.number().nullable()),
});

/** A legal document entry. */
export type LegalInfo = z.infer<typeof legalSchema>;

/** The token object of a sign-in reply: Cognito JWTs plus temporary AWS STS credentials. */
export const signInTokenSchema = z.object({
  idToken: z.string(),
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  authenticationExpiresIn: secondsSchema,
  accessKeyId: z.string().nullish(),
  secretKey: z.string().nullish(),
  sessionToken: z.string().nullish(),
  authorizationExpiresIn: secondsSchema,
});

/** `data` of `POST /user/sign-in`. The cloud names the token object `token`; `tokens` is accepted too. */
export const signInDataSchema = z
  .object({
    userInfo: tolerant(userInfoSchema),
    legal: tolerantList(legalSchema),
    token: signInTokenSchema.optional(),
    tokens: signInTokenSchema.optional(),
  })
  .transform(({ token, tokens, legal, userInfo }, context) => {
    const tokenObject = token ?? tokens;
    if (tokenObject === undefined) {
      context.addIssue({ code: 'custom', message: 'the sign-in reply has no token object', path: ['token'] });
      return z.NEVER;
    }
    return { userInfo: userInfo ?? {}, legal, token: tokenObject };
  });

/** Parsed `data` of a sign-in reply. */
export type SignInData = z.output<typeof signInDataSchema>;

/** `data` of `POST /auth/refresh`: JWTs only, never AWS credentials; some replies omit the id/refresh token. */
export const refreshDataSchema = z.object({
  idToken: z.string().nullish(),
  accessToken: z.string().min(1),
  refreshToken: z.string().nullish(),
  authenticationExpiresIn: secondsSchema,
});

/** Parsed `data` of a refresh reply. */
export type RefreshData = z.output<typeof refreshDataSchema>;

/**
 * `deviceInfo` of a device, as the list and info calls return it. The SDK
 * addresses devices with `macAddress`, `additionalValue` and `deviceType`
 * (REST bodies, MQTT topics), so those are strict; the rest is read leniently.
 */
export const deviceInfoSchema = z.object({
  homeSeq: tolerant(z.number().int().nullable()),
  macAddress: z.string().optional(),
  additionalValue: z.string().optional(),
  deviceType: z.number().int(),
  deviceName: tolerant(z.string().nullable()),
  connected: tolerant(z.number().int().nullable()),
  installType: tolerant(z.string().nullable()),
});

/** Where a device is installed; only shown, so read leniently. */
export const locationSchema = z.object({
  state: tolerant(z.string().nullable()),
  city: tolerant(z.string().nullable()),
  address: tolerant(z.string().nullable()),
  latitude: tolerant(z.number().nullable()),
  longitude: tolerant(z.number().nullable()),
  altitude: tolerant(z.number().nullable()),
});

/** One entry of `POST /device/list`. */
export const deviceSchema = z.object({
  deviceInfo: deviceInfoSchema.extend({ macAddress: z.string().min(1), additionalValue: z.string() }),
  location: tolerant(locationSchema.nullable()),
});

/** A device of the account, as listed. */
export type NavienDevice = z.infer<typeof deviceSchema>;

/** `data` of `POST /device/list`. */
export const deviceListDataSchema = z.array(deviceSchema).nullish();

/** `data` of `POST /device/info`. Everything but `deviceInfo`'s addressing fields is read leniently. */
export const deviceDetailsSchema = z.object({
  deviceInfo: deviceInfoSchema,
  location: tolerant(locationSchema.nullable()),
  installer: tolerant(
    z
      .object({
        installerId: tolerant(z.string().nullable()),
        installerFirstName: tolerant(z.string().nullable()),
        installerLastName: tolerant(z.string().nullable()),
        installerPhoneNumber: tolerant(z.string().nullable()),
      })
      .nullable(),
  ),
  alarmInfo: tolerant(
    z
      .object({
        isEtcAlarm: tolerant(z.number().nullable()),
        isErrorAlarm: tolerant(z.number().nullable()),
      })
      .nullable(),
  ),
  descaling: tolerant(
    z
      .object({
        descalingStartTime: tolerant(z.union([z.string(), z.number()]).nullable()),
        descalingEndTime: tolerant(z.union([z.string(), z.number()]).nullable()),
      })
      .nullable(),
  ),
});

/** Details of one device. */
export type NavienDeviceDetails = z.infer<typeof deviceDetailsSchema>;

/**
 * What the session manager stores: the JWTs, the AWS credentials with their
 * own absolute deadline (the Python library loses it on save) and the user.
 */
export const navienSessionSchema = sessionBaseSchema.extend({
  vendor: z.literal('navien'),
  idToken: z.string(),
  accessToken: z.string().min(1),
  refreshToken: z.string(),
  authenticationExpiresIn: z.number().positive(),
  jwtExpiresAt: z.number().finite(),
  accessKeyId: z.string().min(1).optional(),
  secretKey: z.string().min(1).optional(),
  sessionToken: z.string().min(1).optional(),
  authorizationExpiresIn: z.number().positive().optional(),
  awsExpiresAt: z.number().finite().optional(),
  userInfo: userInfoSchema.optional(),
});

/** A Navien session as stored. `expiresAt` is the earlier of the JWT and the AWS deadline. */
export type NavienSession = z.infer<typeof navienSessionSchema>;
