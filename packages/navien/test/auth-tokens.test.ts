import { inspect } from 'node:util';
import { FakeClock } from '@tokenwise/auth-core/testing';
import { describe, expect, it } from 'vitest';
import { AuthTokens, ConfigurationError } from '../src/index.js';

const clock = new FakeClock(Date.UTC(2025, 8, 26, 20, 41, 35, 123));

const camel = {
  idToken: 'id-token-value',
  accessToken: 'access-token-value',
  refreshToken: 'refresh-token-value',
  authenticationExpiresIn: 3600,
  accessKeyId: 'ASIAEXAMPLEKEYID0000',
  secretKey: 'secret-key-value-000000000000000000000000',
  sessionToken: 'session-token-value',
  authorizationExpiresIn: 3600,
};

describe('AuthTokens', () => {
  it('round-trips camelCase (API) → toDict() snake_case → modelValidate', () => {
    const tokens = AuthTokens.modelValidate(camel, { clock });
    const dict = tokens.toDict();
    expect(dict).toEqual({
      id_token: 'id-token-value',
      access_token: 'access-token-value',
      refresh_token: 'refresh-token-value',
      authentication_expires_in: 3600,
      access_key_id: 'ASIAEXAMPLEKEYID0000',
      secret_key: 'secret-key-value-000000000000000000000000',
      session_token: 'session-token-value',
      authorization_expires_in: 3600,
      issued_at: '2025-09-26T20:41:35.123000Z',
      aws_expires_at: '2025-09-26T21:41:35.123000Z',
    });
    const restored = AuthTokens.modelValidate(JSON.parse(JSON.stringify(dict)), { clock });
    expect(restored.toDict()).toEqual(dict);
    expect(restored.expiresAt).toEqual(tokens.expiresAt);
    expect(restored.awsExpiresAt).toEqual(tokens.awsExpiresAt);
  });

  it('keeps the absolute AWS deadline across save/restore even when issuedAt moved (refresh)', () => {
    const tokens = new AuthTokens(
      { ...camel, issuedAt: clock.now() + 1_800_000, awsExpiresAt: clock.now() + 3_600_000 },
      { clock },
    );
    const restored = AuthTokens.modelValidate(tokens.toDict(), { clock });
    expect(restored.awsExpiresAt?.getTime()).toBe(clock.now() + 3_600_000);
  });

  it('reads the vendor’s Python token file (snake_case, microseconds, extra "email" key)', () => {
    const tokens = AuthTokens.modelValidate(
      {
        id_token: 'i',
        access_token: 'a',
        refresh_token: 'r',
        authentication_expires_in: 3600,
        access_key_id: 'k',
        secret_key: 's',
        session_token: 't',
        authorization_expires_in: 3600,
        issued_at: '2025-09-26T20:41:35.123456Z',
        email: 'user@example.com',
      },
      { clock },
    );
    expect(tokens.issuedAt.toISOString()).toBe('2025-09-26T20:41:35.123Z');
    expect(tokens.awsExpiresAt?.toISOString()).toBe('2025-09-26T21:41:35.123Z');
    expect(tokens.hasAwsCredentials).toBe(true);
  });

  it('an empty camelCase value falls back to the snake_case one', () => {
    const tokens = AuthTokens.modelValidate({ accessToken: '', access_token: 'snake', refreshToken: null });
    expect(tokens.accessToken).toBe('snake');
    expect(tokens.refreshToken).toBe('');
  });

  it('reads a naive timestamp as UTC and an offset one correctly', () => {
    expect(AuthTokens.modelValidate({ issued_at: '2025-09-26T20:41:35' }).issuedAt.toISOString()).toBe(
      '2025-09-26T20:41:35.000Z',
    );
    expect(AuthTokens.modelValidate({ issuedAt: '2025-09-26T22:41:35+02:00' }).issuedAt.toISOString()).toBe(
      '2025-09-26T20:41:35.000Z',
    );
  });

  it('{} validates with defaults; unknown AWS expiry is never "expired"', () => {
    const tokens = AuthTokens.modelValidate({}, { clock });
    expect(tokens.accessToken).toBe('');
    expect(tokens.authenticationExpiresIn).toBe(3600);
    expect(tokens.accessKeyId).toBeUndefined();
    expect(tokens.awsExpiresAt).toBeUndefined();
    expect(tokens.areAwsCredentialsExpired).toBe(false);
    expect(tokens.issuedAt.getTime()).toBe(clock.now());
  });

  it('is expired 5 minutes early (configurable); timeUntilExpiry goes negative', () => {
    const local = new FakeClock(clock.now());
    const tokens = new AuthTokens(camel, { clock: local });
    local.advance(54 * 60_000);
    expect(tokens.isExpired).toBe(false);
    local.advance(60_000);
    expect(tokens.isExpired).toBe(true);
    expect(tokens.areAwsCredentialsExpired).toBe(true);
    expect(new AuthTokens(camel, { clock: local, expiryMarginMs: 0 }).isExpired).toBe(false);
    local.advance(10 * 60_000);
    expect(tokens.timeUntilExpiry).toBe(-5 * 60_000);
  });

  it('wrong types are a ConfigurationError naming the field, without its value', () => {
    expect(() => AuthTokens.modelValidate({ accessToken: 42 })).toThrow(ConfigurationError);
    expect(() => AuthTokens.modelValidate({ accessToken: 42 })).toThrow(/accessToken/);
    expect(() => AuthTokens.modelValidate({ authenticationExpiresIn: 'soon' })).toThrow(
      /authenticationExpiresIn/,
    );
    expect(() => AuthTokens.modelValidate({ issuedAt: 'yesterday-ish' })).toThrow(/issuedAt/);
    expect(() => AuthTokens.modelValidate('tokens')).toThrow(ConfigurationError);
  });

  it('never prints tokens through inspect, JSON.stringify or String', () => {
    const tokens = AuthTokens.modelValidate(camel, { clock });
    const rendered = [inspect(tokens, { depth: 5 }), JSON.stringify(tokens), String(tokens)].join('\n');
    for (const secret of [
      camel.idToken,
      camel.accessToken,
      camel.refreshToken,
      camel.secretKey,
      camel.sessionToken,
    ]) {
      expect(rendered).not.toContain(secret);
    }
    expect(rendered).toContain('2025-09-26T21:41:35.123Z');
  });
});
