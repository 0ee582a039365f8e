import type { FileStore, Secret } from '@tokenwise/auth-core/vendor';
import type { SessionRenewal, StoredSessionFields } from '../session-renewal.js';

/** The vendors `tokenwise` knows, as typed on the command line. */
export const VENDOR_IDS = ['evohome', 'evrim', 'vesync', 'navien', 'cozify', 'tado'] as const;

/** One of {@link VENDOR_IDS}. */
export type VendorId = (typeof VENDOR_IDS)[number];

/** What a device-code login shows a person: a link to open and a code to confirm there. */
export interface DeviceCodeNotice {
  verificationUriComplete: string;
  userCode: string;
  /** When the code stops working, epoch ms. */
  expiresAt: number;
}

/** Everything a vendor login may need; the adapter says which parts it uses. */
export interface VendorLoginRequest {
  username: string;
  /**
   * Absent for vendors that log in with an e-mailed code instead (Cozify), and
   * when a stored session is being reused: the client then renews or fails.
   */
  password: Secret | undefined;
  /** ISO alpha-2 country (VeSync picks its region from it). */
  country: string | undefined;
  /** Base URL override; without it the client reads `TOKENWISE_<VENDOR>_URL`, else the vendor's host. */
  url: string | undefined;
  /** Port of Cozify hubs' local API (the sandbox hub is not on 8893). */
  hubPort: number | undefined;
  store: FileStore;
  /** Asked only when the vendor has just sent a one-time code. */
  otp: ((email: string) => Promise<string>) | undefined;
  /** Shows a device-code login's link and code (tado); the client then polls until a person approves. */
  onDeviceCode?: ((code: DeviceCodeNotice) => void) | undefined;
}

/** A mock cloud the sandbox runs, with what to print about it. */
export interface SandboxService {
  /** The line a program needs: `TOKENWISE_<VENDOR>_URL=<base>`. */
  readonly envLine: string;
  /** More `NAME=value` lines the vendor needs (VeSync's EU host). */
  readonly extraEnvLines?: readonly string[];
  /** Base URL the vendor client takes as its URL option. */
  readonly url: string;
  /** Extra lines: demo accounts, hub port, ... */
  readonly notes: readonly string[];
  close(): Promise<void>;
}

/** Options of {@link VendorAdapter.startSandbox}. */
export interface SandboxStartOptions {
  /** First port to bind (0: any free port); a vendor needing two servers takes `port + 1` too. */
  port: number;
  /** Called with one line whenever the mock "e-mails" something (Cozify's OTPs). */
  onMail: (line: string) => void;
}

/**
 * What the CLI knows about one vendor: what to ask, how to log in through the
 * vendor's own client (so the session lands in the store exactly as that client
 * stores it), and how to run its mock cloud.
 */
export interface VendorAdapter {
  readonly id: VendorId;
  /** Name shown to people ("VeSync"). */
  readonly displayName: string;
  /** The base-URL environment variable the vendor client honours. */
  readonly urlEnv: string;
  /** Prompt label of the account name ("e-mail", "username"). */
  readonly usernameLabel: string;
  /** What the vendor refuses when the credentials are wrong, for error lines. */
  readonly credentialNoun: string;
  readonly needsPassword: boolean;
  readonly needsOtp: boolean;
  readonly needsCountry: boolean;
  /**
   * For a vendor whose login a person approves in a browser (device code): the account label
   * used when none is given, so nothing is asked. Absent for every other vendor.
   */
  readonly defaultUsername?: string;
  /**
   * Whether the vendor's client can renew a stored session without being given
   * the password (false for evohome, whose client takes the password up front).
   */
  readonly renewsWithoutPassword: boolean;
  /** Logs in (or adopts a valid stored session) and returns the account as stored and the host used. */
  login(request: VendorLoginRequest): Promise<{ account: string; host: string }>;
  /**
   * The base URLs a client would use with this `--url` (else the vendor's
   * environment variable, else its real cloud), main host first. Built without I/O.
   */
  hosts(url: string | undefined, store: FileStore, username: string): Promise<readonly string[]>;
  /** How a stored session of this vendor renews itself, from its metadata (see the vendor notes). */
  renewal(fields: StoredSessionFields): SessionRenewal;
  /** Starts the vendor's mock cloud on 127.0.0.1. */
  startSandbox(options: SandboxStartOptions): Promise<SandboxService>;
}

/** The usual login: an e-mail and a password, nothing else. Adapters spread it and override what differs. */
export const PASSWORD_LOGIN = {
  usernameLabel: 'e-mail',
  credentialNoun: 'e-mail or password',
  needsPassword: true,
  needsOtp: false,
  needsCountry: false,
  renewsWithoutPassword: true,
} as const satisfies Partial<VendorAdapter>;

/** A session without a refresh token: the access credential's expiry is when a login is due. */
export function loginAtExpiry(fields: StoredSessionFields, note: string): SessionRenewal {
  return { by: 'login', at: fields.expiresAt, note };
}
