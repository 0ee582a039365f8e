/** What one renewal must achieve; built by {@link renewalPlan}, the one way get / renew / login are expressed. */
export interface RenewalPlan {
  /** A token that must not be accepted as the outcome (the one being replaced). */
  replacing: string | undefined;
  /** Explicitly requested: failures are thrown instead of falling back to the current session. */
  forced: boolean;
  /** Skip the refresh: only a full login answers. */
  login: boolean;
  /** When the vendor refuses the refresh token, log in (true) or throw the refusal (false). */
  loginIfRefreshRefused: boolean;
}

/** The kinds of renewal a caller can ask for. */
export type RenewalKind = 'get' | 'renew' | 'login';

/** The plan of a `get()` (renew only when due), an explicit `renew()`, or a forced login. */
export function renewalPlan(
  kind: RenewalKind,
  replacing: string | undefined,
  loginIfRefreshRefused = true,
): RenewalPlan {
  return {
    replacing: kind === 'get' ? undefined : replacing,
    forced: kind !== 'get',
    login: kind === 'login',
    loginIfRefreshRefused,
  };
}
