import { handlerFetch } from '@tokenwise/auth-core/testing';
import { describe, expect, it } from 'vitest';
import {
  ApiError,
  EulaNotAcceptedError,
  EvohomeClient,
  EvohomeV2Client,
  InvalidCredentialsError,
  NotFoundError,
  ResponseShapeError,
} from '../src/index.js';
import { createCloud, demoOptions } from './harness.js';

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

/** The demo world with some answers replaced, to provoke what the real vendor sometimes sends. */
function rigged(override: (request: Request) => Response | undefined) {
  // The retry after a 401 logs in again at once, which the real 10 s throttle would refuse.
  const world = createCloud({ loginWindowMs: 0 });
  const fetch = handlerFetch((request) => override(request) ?? world.cloud.handler(request));
  return { ...world, fetch };
}

describe('vendor errors become typed errors', () => {
  it('V1 bad password -> InvalidCredentialsError; V2 invalid_grant -> InvalidCredentialsError', async () => {
    const world = createCloud({ loginWindowMs: 0 });
    const v1 = new EvohomeClient({ ...demoOptions(world), password: 'nope-nope' });
    const v2 = new EvohomeV2Client({ ...demoOptions(world), password: 'nope-nope' });
    expect(await failureOf(v1.temperatures())).toBeInstanceOf(InvalidCredentialsError);
    expect(await failureOf(v2.userAccount())).toBeInstanceOf(InvalidCredentialsError);
    expect(world.cloud.counts.failedLogins).toBe(2);
  });

  it('403 LatestEulaNotAccepted -> EulaNotAcceptedError telling the user what to do, while V2 works', async () => {
    const world = createCloud({ loginWindowMs: 0 });
    const options = { ...demoOptions(world), username: 'eula@example.com', password: 'eula-password' };
    const error = await failureOf(new EvohomeClient(options).temperatures());
    expect(error).toBeInstanceOf(EulaNotAcceptedError);
    expect((error as EulaNotAcceptedError).vendorCode).toBe('LatestEulaNotAccepted');
    expect((error as Error).message).toMatch(/accept/i);
    expect((await new EvohomeV2Client(options).userAccount()).username).toBe('eula@example.com');
  });

  it('a 401 for ids that are not the account’s is retried once with a fresh session, then ApiError (V1)', async () => {
    // The real 10 s login throttle stays on: the SDK must never provoke it.
    const world = createCloud();
    const fetch = handlerFetch((request) =>
      new URL(request.url).pathname.endsWith('/locations')
        ? new Response(JSON.stringify([{ code: 'Unauthorized', message: 'Unauthorized' }]), {
            status: 401,
            headers: { 'content-type': 'application/json' },
          })
        : world.cloud.handler(request),
    );
    const client = new EvohomeClient({ ...demoOptions(world), fetch });
    // A session logged in moments ago is not expired: no second login (the vendor would answer 429).
    const first = await failureOf(client.temperatures());
    expect(first).toBeInstanceOf(ApiError);
    expect((first as ApiError).status).toBe(401);
    expect(world.cloud.counts.logins).toBe(1);

    // Minutes later the session may have expired: invalidate, one login, one retry, then ApiError.
    world.clock.advance(5 * 60_000);
    const second = await failureOf(client.temperatures());
    expect(second).toBeInstanceOf(ApiError);
    expect((second as ApiError).status).toBe(401);
    expect(world.cloud.counts.logins).toBe(2);
    // The retry's 401 came from a session seconds old: no third login, never a loop.
    expect(await failureOf(client.temperatures())).toBeInstanceOf(ApiError);
    expect(world.cloud.counts.logins).toBe(2);
    expect(world.cloud.counts.rateLimited).toBe(0);
  });

  it('a rejected token obtained moments ago is not renewed (V2), so the login limit is never tripped', async () => {
    const world = createCloud();
    const client = new EvohomeV2Client(demoOptions(world));
    await client.userAccount();
    world.cloud.revokeAccessTokens();
    expect(await failureOf(client.userAccount())).toBeInstanceOf(ApiError);
    expect(world.cloud.counts.logins + world.cloud.counts.refreshes).toBe(1);
    world.clock.advance(11_000);
    await client.userAccount();
    expect(world.cloud.counts.rateLimited).toBe(0);
  });

  it('V2 "You are not allowed" is about the ids, not the token: ApiError with no renewal', async () => {
    const world = createCloud();
    const client = new EvohomeV2Client(demoOptions(world));
    const error = await failureOf(client.locationStatus('1230000'));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).vendorCode).toBe('Unauthorized');
    expect(world.cloud.counts.logins + world.cloud.counts.refreshes).toBe(1);
  });

  it('malformed or non-JSON bodies -> ResponseShapeError; an HTML 404 -> NotFoundError', async () => {
    let mode: 'shape' | 'html' | 'token' = 'shape';
    const world = rigged((request) => {
      const path = new URL(request.url).pathname;
      if (mode === 'shape' && path.endsWith('/locations')) {
        return new Response(JSON.stringify([{ locationID: 'not-a-number', devices: [] }]), {
          headers: { 'content-type': 'application/json' },
        });
      }
      if (mode === 'html' && path.endsWith('/locations')) {
        return new Response('<html>Service</html>', { headers: { 'content-type': 'text/html' } });
      }
      if (mode === 'token' && path === '/Auth/OAuth/Token') {
        return new Response(JSON.stringify(['not', 'an', 'object']), {
          headers: { 'content-type': 'application/json' },
        });
      }
      return undefined;
    });
    const client = new EvohomeClient(demoOptions(world));
    const shape = await failureOf(client.temperatures());
    expect(shape).toBeInstanceOf(ResponseShapeError);
    expect((shape as ResponseShapeError).issues[0]?.path).toContain('locationID');
    mode = 'html';
    expect(await failureOf(client.temperatures())).toBeInstanceOf(ResponseShapeError);
    mode = 'token';
    expect(await failureOf(new EvohomeV2Client(demoOptions(world)).userAccount())).toBeInstanceOf(
      ResponseShapeError,
    );
    const missing = rigged((request) =>
      new URL(request.url).pathname.endsWith('/userAccount')
        ? new Response('<html>404</html>', { status: 404, headers: { 'content-type': 'text/html' } })
        : undefined,
    );
    expect(await failureOf(new EvohomeV2Client(demoOptions(missing)).userAccount())).toBeInstanceOf(
      NotFoundError,
    );
  });
});
