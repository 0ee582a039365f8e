import { sessionBaseSchema } from '@tokenwise/auth-core/vendor';
import { z } from 'zod';

/** The account's cloud token, as stored. `issuedAt` doubles as python-cozify's `last_refresh`. */
export const cloudSessionSchema = sessionBaseSchema.extend({
  vendor: z.literal('cozify'),
  kind: z.literal('cloud'),
  cloudToken: z.string().min(1),
});

/** The account's cloud token, as stored. */
export type CozifyCloudSession = z.infer<typeof cloudSessionSchema>;

/** One hub's token, as stored (account `<e-mail>/hub/<hubId>`). */
export const hubSessionSchema = sessionBaseSchema.extend({
  vendor: z.literal('cozify'),
  kind: z.literal('hub'),
  hubId: z.string().min(1),
  hubToken: z.string().min(1),
});

/** One hub's token, as stored. */
export type CozifyHubSession = z.infer<typeof hubSessionSchema>;

/** `GET user/hubkeys`: hub id -> hub token. */
export const hubKeysSchema = z.record(z.string().min(1), z.string().min(1));

/** `GET hub/lan_ip`: the hubs' LAN addresses as seen from the caller's NAT. */
export const lanIpsSchema = z.array(z.string().min(1));

/**
 * `GET http://<ip>:8893/hub` (and `hub/remote/hub`): who the hub is. Only
 * `hubId` and `name` are relied on; the other fields are documented without
 * types, so they are read leniently: a surprise there must not hide the hub
 * from LAN discovery.
 */
export const hubInfoSchema = z.looseObject({
  hubId: z.string().min(1),
  name: z.string(),
  version: z.string().optional().catch(undefined),
  connected: z.boolean().optional().catch(undefined),
  features: z.unknown().optional(),
  state: z.unknown().optional(),
});

/** What a hub says about itself. */
export type CozifyHubInfo = z.infer<typeof hubInfoSchema>;

/** `GET cc/<ver>/hub/tz`: the hub's time zone, a JSON string. */
export const timeZoneSchema = z.string().min(1);

/** What this package remembers about one hub (never its token: that is the hub session). */
export const hubStateSchema = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  /** LAN address; absent when only the remote path works. */
  host: z.string().min(1).optional(),
  /** The user asked for the cloud relay. */
  remote: z.boolean(),
  /** Fall back to the cloud relay when the LAN fails (and return when it answers again). */
  autoremote: z.boolean(),
});

/** What this package remembers about one hub. */
export type CozifyHubState = z.infer<typeof hubStateSchema>;

/** Non-session state of one account, stored under `cozify-state:<e-mail>`. */
export const accountStateSchema = z.object({
  version: z.literal(1),
  email: z.string().min(1),
  defaultHub: z.string().min(1).optional(),
  hubs: z.record(z.string(), hubStateSchema),
});

/** Non-session state of one account. */
export type CozifyAccountState = z.infer<typeof accountStateSchema>;

/** The last account used with this store, stored under `cozify-account`. */
export const accountPointerSchema = z.object({ email: z.string().min(1) });

/** A JWT: three base64url parts. Enough to refuse an HTML error page posing as a token. */
export const jwtTextSchema = z.string().regex(/^[\w-]+\.[\w-]+\.[\w-]*$/, 'not a JWT');
