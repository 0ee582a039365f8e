import { isLoopback, type LoginHost } from './login-hosts.js';
import { needsLoginAt, type SessionRenewal } from './session-renewal.js';
import type { StoredQuota, StoredSessionInfo } from './stored-sessions.js';
import { VENDORS } from './vendors/index.js';
import { VENDOR_IDS, type VendorId } from './vendors/vendor-adapter.js';

/** One line of `tokenwise status`: the same fields for the table and for `--json`. */
export interface SessionStatus {
  info: StoredSessionInfo;
  /** The base URL `tokenwise login` used, when the CLI logged this session in. */
  host: string | undefined;
  /** `sandbox` for a loopback host, `cloud` for any other, `undefined` when not recorded. */
  hostKind: 'sandbox' | 'cloud' | undefined;
  /** How the session renews itself; `undefined` for an account with only a back-off stored. */
  renewal: SessionRenewal | undefined;
  /** When a person must log in again, when it can be told. */
  needsLoginAt: number | undefined;
  /** The login back-off in force, if any. */
  backOffUntil: number | undefined;
  quota: StoredQuota | undefined;
}

/** Builds the status of one stored entry; vendors the CLI does not know get the generic reading. */
export function sessionStatus(
  info: StoredSessionInfo,
  recorded: LoginHost | undefined,
  now: number,
): SessionStatus {
  const renewal = info.stored ? renewalOf(info) : undefined;
  return {
    info,
    host: recorded?.host,
    hostKind: recorded === undefined ? undefined : isLoopback(recorded.host) ? 'sandbox' : 'cloud',
    renewal,
    needsLoginAt: renewal === undefined ? undefined : needsLoginAt(renewal),
    backOffUntil: info.backoffUntil !== undefined && info.backoffUntil > now ? info.backoffUntil : undefined,
    quota: info.quota,
  };
}

function renewalOf(info: StoredSessionInfo): SessionRenewal {
  if ((VENDOR_IDS as readonly string[]).includes(info.vendor)) {
    return VENDORS[info.vendor as VendorId].renewal(info);
  }
  return info.hasRefreshToken
    ? { by: 'refresh', until: info.refreshExpiresAt, note: 'refresh token' }
    : { by: 'login', at: info.expiresAt, note: 'no refresh token' };
}
