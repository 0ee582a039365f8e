import type { Secret, TokenStore } from '@tokenwise/auth-core';

/** Options both evohome strategies take (V1 and V2 share one account and one login throttle). */
export interface EvohomeStrategyOptions {
  /** Account e-mail. */
  username: string;
  /** Account password. */
  password: Secret;
  /** Host of the API, without a trailing slash. */
  hostname: string;
  /** Fetch used for logins and token calls. */
  fetch: typeof globalThis.fetch;
  /** Back-off shared through the store after a login 429. */
  loginLockoutMs: number;
  /**
   * Logins of the account (V1 and V2) are kept this far apart across
   * everything sharing `store`, and a credential obtained less than this long
   * ago that the vendor rejects is not renewed. Default 10 000 ms; 0 disables both.
   */
  minLoginIntervalMs?: number | undefined;
  /** The store the client's sessions live in; login spacing is recorded there. Default: this strategy only. */
  store?: TokenStore | undefined;
}
