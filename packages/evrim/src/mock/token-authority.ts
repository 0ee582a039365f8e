import { randomBytes, randomUUID } from 'node:crypto';
import { fakeJwt, verifyFakeJwt } from '@tokenwise/auth-core/mock';
import type { Clock } from '@tokenwise/auth-core/vendor';

/** Which kind of token a view expects, as simplejwt's `token_type` claim says. */
export type TokenType = 'access' | 'refresh';

/** The outcome of checking a token: its claims, or simplejwt's `detail` for the rejection. */
export type TokenCheck =
  | { ok: true; userId: number; jti: string; exp: number }
  | { ok: false; detail: 'Token is invalid or expired' | 'Token has wrong type' | 'Token is blacklisted' };

/**
 * simplejwt's token machinery: signs HS256 tokens with the claims it uses
 * (`token_type, exp, iat, jti, user_id`, whole seconds), validates them the
 * same way, and keeps the `token_blacklist` app's list of dead refresh tokens.
 */
export class TokenAuthority {
  readonly #clock: Clock;
  readonly #accessS: number;
  readonly #refreshS: number;
  readonly #blacklist = new Set<string>();
  readonly #outstanding = new Set<string>();
  #key: Buffer = randomBytes(32);

  /** Lifetimes in milliseconds; tokens carry them as whole seconds. */
  constructor(clock: Clock, accessTtlMs: number, refreshTtlMs: number) {
    this.#clock = clock;
    this.#accessS = Math.max(1, Math.round(accessTtlMs / 1000));
    this.#refreshS = Math.max(1, Math.round(refreshTtlMs / 1000));
  }

  /** A token of `type` for `userId`, valid from now for the configured lifetime. */
  issue(type: TokenType, userId: number): string {
    const iat = Math.floor(this.#clock.now() / 1000);
    const jti = randomUUID().replaceAll('-', '');
    if (type === 'refresh') this.#outstanding.add(jti);
    // fakeJwt's default header is simplejwt's, byte for byte: `{"alg":"HS256","typ":"JWT"}`.
    return fakeJwt(
      {
        token_type: type,
        exp: iat + (type === 'access' ? this.#accessS : this.#refreshS),
        iat,
        jti,
        user_id: userId,
      },
      { key: this.#key },
    );
  }

  /** Validates signature, expiry, type and (for refresh tokens) the blacklist, in simplejwt's order. */
  check(token: string, expected: TokenType | undefined): TokenCheck {
    const claims = verifyFakeJwt(token, this.#key);
    const exp = claims?.exp;
    const userId = claims?.user_id;
    const jti = claims?.jti;
    if (
      claims === undefined ||
      typeof exp !== 'number' ||
      exp * 1000 <= this.#clock.now() ||
      typeof userId !== 'number' ||
      typeof jti !== 'string'
    ) {
      return { ok: false, detail: 'Token is invalid or expired' };
    }
    if (expected !== undefined && claims.token_type !== expected) {
      return { ok: false, detail: 'Token has wrong type' };
    }
    if (claims.token_type === 'refresh' && this.#blacklist.has(jti)) {
      return { ok: false, detail: 'Token is blacklisted' };
    }
    return { ok: true, userId, jti, exp };
  }

  /** Blacklists one refresh token (rotation with `BLACKLIST_AFTER_ROTATION`). */
  blacklist(jti: string): void {
    this.#blacklist.add(jti);
    this.#outstanding.delete(jti);
  }

  /** Blacklists every refresh token issued so far (the admin's "flush" of outstanding tokens). */
  blacklistAll(): void {
    for (const jti of this.#outstanding) this.#blacklist.add(jti);
    this.#outstanding.clear();
  }

  /** A new Django `SECRET_KEY`: every token issued so far stops verifying. */
  rotateKey(): void {
    this.#key = randomBytes(32);
  }
}
