import { sessionBaseSchema } from '@tokenwise/auth-core/vendor';
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

/** `data.userInfo` of a sign-in reply. */
export const userInfoSchema = z.object({
  userType: z.string().optional(),
  userFirstName: z.string().optional(),
  userLastName: z.string().optional(),
  userStatus: z.string().optional(),
  userSeq: z.number().int().optional(),
});

/** The user as the cloud describes it. */
export type UserInfoData = z.infer<typeof userInfoSchema>;

/** One entry of `data.legal[]` (terms the account agreed to). */
export const legalSchema = z.object({
  legalType: z.string(),
  userVersion: z.string().nullish(),
  userAgree: z.number().nullish(),
  version: z.string().nullish(),
  agreement: z.number().nullish(),
  mandatory: z.number().nullish(),
  reagree: z.number().nullish(),
  url: z.string().nullish(),
  description: z.string().nullish(),
  language: z.string().nullish(),
  revisionAt: z.number().nullish(),
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
    userInfo: userInfoSchema.default({}),
    legal: z.array(legalSchema).nullish(),
    token: signInTokenSchema.optional(),
    tokens: signInTokenSchema.optional(),
  })
  .transform(({ token, tokens, legal, userInfo }, context) => {
    const tokenObject = token ?? tokens;
    if (tokenObject === undefined) {
      context.addIssue({ code: 'custom', message: 'the sign-in reply has no token object', path: ['token'] });
      return z.NEVER;
    }
    return { userInfo, legal: legal ?? [], token: tokenObject };
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

/** `deviceInfo` of a device, as the list and info calls return it. */
export const deviceInfoSchema = z.object({
  homeSeq: z.number().int().nullish(),
  macAddress: z.string().optional(),
  additionalValue: z.string().optional(),
  deviceType: z.number().int(),
  deviceName: z.string().nullish(),
  connected: z.number().int().nullish(),
  installType: z.string().nullish(),
});

/** Where a device is installed. */
export const locationSchema = z.object({
  state: z.string().nullish(),
  city: z.string().nullish(),
  address: z.string().nullish(),
  latitude: z.number().nullish(),
  longitude: z.number().nullish(),
  altitude: z.number().nullish(),
});

/** One entry of `POST /device/list`. */
export const deviceSchema = z.object({
  deviceInfo: deviceInfoSchema.extend({ macAddress: z.string().min(1), additionalValue: z.string() }),
  location: locationSchema.nullish(),
});

/** A device of the account, as listed. */
export type NavienDevice = z.infer<typeof deviceSchema>;

/** `data` of `POST /device/list`. */
export const deviceListDataSchema = z.array(deviceSchema).nullish();

/** `data` of `POST /device/info`. */
export const deviceDetailsSchema = z.object({
  deviceInfo: deviceInfoSchema,
  location: locationSchema.nullish(),
  installer: z
    .object({
      installerId: z.string().nullish(),
      installerFirstName: z.string().nullish(),
      installerLastName: z.string().nullish(),
      installerPhoneNumber: z.string().nullish(),
    })
    .nullish(),
  alarmInfo: z.object({ isEtcAlarm: z.number().nullish(), isErrorAlarm: z.number().nullish() }).nullish(),
  descaling: z
    .object({
      descalingStartTime: z.union([z.string(), z.number()]).nullish(),
      descalingEndTime: z.union([z.string(), z.number()]).nullish(),
    })
    .nullish(),
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
