import { describe, expect, it } from 'vitest';
import { ErrorCodes } from '../src/errors.js';
import { FakeClock, handlerFetch } from '../src/mock-kit.js';
import { ReferenceCloud } from '../src/reference-kit.js';
import { SessionManager } from '../src/session-manager.js';
import { MemoryStore } from '../src/store/memory-store.js';
import { createReferenceStrategy } from '../src/testing/reference/reference-strategy.js';

function rig() {
  const clock = new FakeClock();
  const cloud = new ReferenceCloud({ clock });
  const strategy = createReferenceStrategy({
    baseUrl: 'https://ref.test',
    username: 'demo@example.com',
    password: 'demo-password',
    fetch: handlerFetch(cloud.handler),
  });
  return { cloud, manager: new SessionManager({ strategy, store: new MemoryStore(), clock }) };
}

describe('renew({ loginIfRefreshRefused: false })', () => {
  it('throws the refused refresh as TokenRefreshError and never logs in; the current session stays', async () => {
    const { cloud, manager } = rig();
    const first = await manager.get();
    cloud.revokeRefreshTokens();
    await expect(manager.renew({ loginIfRefreshRefused: false })).rejects.toMatchObject({
      code: ErrorCodes.TokenRefreshError,
    });
    expect(cloud.counts.logins).toBe(1);
    expect(manager.peek()).toBe(first);
  });

  it('by default a refused refresh falls back to a login', async () => {
    const { cloud, manager } = rig();
    await manager.get();
    cloud.revokeRefreshTokens();
    await manager.renew();
    expect(cloud.counts.logins).toBe(2);
  });
});
