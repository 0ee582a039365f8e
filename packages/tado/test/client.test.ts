import { describe, expect, it } from 'vitest';
import {
  ClientClosedError,
  InvalidCredentialsError,
  MemoryStore,
  NotFoundError,
  TadoClient,
} from '../src/index.js';
import { DEMO_ACCOUNTS, FakeClock, handlerFetch, TadoCloud } from '../src/mock/index.js';

const BASE_URL = 'https://api.tado.test';

function world() {
  const clock = new FakeClock();
  const cloud = new TadoCloud({ clock });
  const store = new MemoryStore();
  const account = DEMO_ACCOUNTS[0] ?? { username: '', password: '' };
  const options = {
    baseUrl: BASE_URL,
    username: account.username,
    password: account.password,
    store,
    clock,
    fetch: handlerFetch(cloud.handler),
    env: {},
  };
  return { clock, cloud, store, options };
}

describe('TadoClient', () => {
  it('logs in once, calls the API and renews with the refresh token past expiry', async () => {
    const w = world();
    const client = await TadoClient.create(w.options);
    expect(await client.items()).toEqual([
      { id: 1, name: 'thermostat' },
      { id: 2, name: 'water heater' },
    ]);
    w.clock.advance(w.cloud.accessTtlMs + 1);
    await client.items();
    expect(w.cloud.counts.logins).toBe(1);
    expect(w.cloud.counts.refreshes).toBe(1);
    await client.close();
  });

  it('shares the stored session with a second client', async () => {
    const w = world();
    const first = await TadoClient.create(w.options);
    const second = await TadoClient.create({ ...w.options, password: undefined });
    await second.items();
    expect(w.cloud.counts.logins).toBe(1);
    await Promise.all([first.close(), second.close()]);
  });

  it('request() reaches any endpoint with the session and maps errors', async () => {
    const w = world();
    const client = new TadoClient(w.options);
    const me = await client.request('api/me');
    expect(await me.json()).toEqual({ username: w.options.username });
    await expect(client.request('api/nowhere')).rejects.toBeInstanceOf(NotFoundError);
    await client.close();
  });

  it('a wrong password is InvalidCredentialsError, without the password in it', async () => {
    const w = world();
    const error = await TadoClient.create({ ...w.options, password: 'wrong-canary' }).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidCredentialsError);
    expect(JSON.stringify(error)).not.toContain('wrong-canary');
  });

  it('resolves the base URL: option, then TOKENWISE_TADO_URL, then production', () => {
    const w = world();
    const env = { TOKENWISE_TADO_URL: 'http://127.0.0.1:8080/' };
    expect(new TadoClient({ ...w.options, env }).baseUrl).toBe(BASE_URL);
    expect(new TadoClient({ ...w.options, baseUrl: undefined, env }).baseUrl).toBe('http://127.0.0.1:8080');
    expect(new TadoClient({ ...w.options, baseUrl: undefined }).baseUrl).toMatch(/^https:\/\//);
  });

  it('refuses every call after close(), and close() stays idempotent', async () => {
    const w = world();
    const client = await TadoClient.create(w.options);
    await client.close();
    await expect(client.items()).rejects.toBeInstanceOf(ClientClosedError);
    await expect(client.request('api/me')).rejects.toThrow('This Tado client is closed; create a new one');
    await client.close();
    await client[Symbol.asyncDispose]();
  });
});
