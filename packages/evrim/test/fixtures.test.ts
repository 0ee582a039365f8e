import { readdir, readFile } from 'node:fs/promises';
import { decodeJwtClaims } from '@tokenwise/auth-core/vendor';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ACCESS_TOKEN_LIFETIME_MS, REFRESH_TOKEN_LIFETIME_MS } from '../src/index.js';
import {
  errorBodySchema,
  listBodySchema,
  refreshResponseSchema,
  reportSchema,
  runSchema,
  taskSchema,
  tokenPairSchema,
  verifyResponseSchema,
} from '../src/schemas.js';
import { BASE_URL, createWorld } from './world.js';

const FIXTURES = new URL('./fixtures/evrim/', import.meta.url);

interface Interaction {
  request: { method: string; uri: string; json?: unknown };
  response: { status: number; headers: Record<string, string>; json?: unknown };
}

async function load(name: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(new URL(name, FIXTURES), 'utf8')) as Record<string, unknown>;
}

async function interactions(name: string): Promise<Interaction[]> {
  return (await load(name)).interactions as Interaction[];
}

const fieldErrorsSchema = z.record(z.string(), z.array(z.string()));

/** The schema each recorded or derived JSON response must satisfy. */
const RECORDED: Record<string, z.ZodType<unknown>> = {
  'token_obtain.exchange.recorded.json': tokenPairSchema,
  'token_verify.expired.exchange.recorded.json': errorBodySchema,
  'report_get.exchange.recorded.json': reportSchema,
  'report_get.not_found.exchange.recorded.json': errorBodySchema,
  'run_get.exchange.recorded.json': runSchema,
  'run_get.not_found.exchange.recorded.json': errorBodySchema,
  'runs_list.exchange.recorded.json': listBodySchema(runSchema),
  'research_submit.exchange.recorded.json': taskSchema,
};

const DERIVED: Record<string, z.ZodType<unknown>> = {
  token_not_valid_401: errorBodySchema,
  wrong_token_type_401: errorBodySchema,
  bad_credentials_401: errorBodySchema,
  missing_field_400: fieldErrorsSchema,
  missing_refresh_400: fieldErrorsSchema,
  protected_bad_bearer_401: errorBodySchema,
  protected_no_auth_401: errorBodySchema,
  verify_ok_200: verifyResponseSchema,
  refresh_ok_200: refreshResponseSchema,
};

describe('recorded fixtures', () => {
  it('every response fixture is covered by a schema', async () => {
    const files = (await readdir(FIXTURES)).filter((f) => f.endsWith('.exchange.recorded.json'));
    const covered = [...Object.keys(RECORDED), 'generate_pdf.exchange.recorded.json'];
    expect(files.sort()).toEqual(covered.sort());
  });

  for (const [file, schema] of Object.entries(RECORDED)) {
    it(`${file} parses`, async () => {
      const jsonResponses = (await interactions(file)).filter((i) => i.response.json !== undefined);
      expect(jsonResponses.length).toBeGreaterThan(0);
      for (const i of jsonResponses) expect(() => schema.parse(i.response.json)).not.toThrow();
    });
  }

  for (const [name, schema] of Object.entries(DERIVED)) {
    it(`simplejwt ${name} parses`, async () => {
      const entry = (await load('simplejwt.responses.derived.json'))[name] as { json: unknown };
      expect(() => schema.parse(entry.json)).not.toThrow();
    });
  }

  it('the recorded lifetimes are the ones the SDK assumes, and the mock issues the same claims', async () => {
    const decoded = (await load('tokens.decoded.json')) as Record<
      string,
      { lifetime_s: number; payload: Record<string, unknown> }
    >;
    expect((decoded.access?.lifetime_s ?? 0) * 1000).toBe(ACCESS_TOKEN_LIFETIME_MS);
    expect((decoded.refresh?.lifetime_s ?? 0) * 1000).toBe(REFRESH_TOKEN_LIFETIME_MS);
    const w = createWorld();
    const pair = await w.login();
    for (const [kind, token] of [
      ['access', pair.access],
      ['refresh', pair.refresh],
    ] as const) {
      const claims = decodeJwtClaims(token) ?? {};
      expect(Object.keys(claims)).toEqual(Object.keys(decoded[kind]?.payload ?? {}));
      expect(claims.token_type).toBe(kind);
      expect((claims.exp as number) - (claims.iat as number)).toBe(decoded[kind]?.lifetime_s);
      expect(claims.jti).toMatch(/^[0-9a-f]{32}$/);
      expect(JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString())).toEqual({
        alg: 'HS256',
        typ: 'JWT',
      });
    }
  });
});

describe('the mock answers like the recordings', () => {
  const replay = async (file: string, index = 0) => {
    const w = createWorld();
    const { access } = await w.login();
    const recorded = (await interactions(file))[index];
    if (!recorded) throw new Error(`${file} has no interaction ${index}`);
    const path = new URL(recorded.request.uri).pathname.replace(/^\/prod/, '');
    const response = await w.fetch(`${BASE_URL}${path}`, {
      method: recorded.request.method,
      redirect: 'manual',
      headers: { authorization: `Bearer ${access}`, 'content-type': 'application/json' },
      ...(recorded.request.json === undefined ? {} : { body: JSON.stringify(recorded.request.json) }),
    });
    return { recorded: recorded.response, response };
  };

  for (const file of [
    'report_get.not_found.exchange.recorded.json',
    'run_get.not_found.exchange.recorded.json',
  ]) {
    it(`${file}: same status, body and allow header`, async () => {
      const { recorded, response } = await replay(file);
      expect(response.status).toBe(recorded.status);
      expect(await response.json()).toEqual(recorded.json);
      expect(response.headers.get('allow')).toBe(recorded.headers.allow);
    });
  }

  it('runs_list: /runs is a 301 to /prod/runs/ before any authentication', async () => {
    const { recorded, response } = await replay('runs_list.exchange.recorded.json');
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe(recorded.headers.location);
    expect(response.headers.get('vary')).toBe(recorded.headers.vary);
  });

  it('research_submit: 201 with a pending task shaped like the recording', async () => {
    const { recorded, response } = await replay('research_submit.exchange.recorded.json');
    expect(response.status).toBe(201);
    const raw: unknown = await response.json();
    expect(Object.keys(raw as object)).toEqual(Object.keys(recorded.json as object));
    expect(Object.keys((raw as { event: object }).event)).toEqual(['id', 'input']);
    expect(response.headers.get('allow')).toBe(recorded.headers.allow);
    expect(response.headers.get('content-type')).toBe(recorded.headers['content-type']);
    const body = taskSchema.parse(raw);
    const expected = taskSchema.parse(recorded.json);
    expect(body.event?.input).toBe(expected.event?.input);
    expect(body.status).toBe('P');
    expect(body.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  });

  /** Keys in order at every level; text, numbers, null and lists of them are all just a value. */
  const shapeOf = (value: unknown): unknown => {
    if (Array.isArray(value)) {
      const objects = value.filter((entry) => typeof entry === 'object' && entry !== null);
      return objects.length === 0 ? 'value' : [shapeOf(objects[0])];
    }
    if (typeof value === 'object' && value !== null) {
      return Object.entries(value).map(([key, entry]) => [key, shapeOf(entry)]);
    }
    return 'value';
  };

  for (const [file, index, path] of [
    ['report_get.exchange.recorded.json', 0, '/reports/2/'],
    ['run_get.exchange.recorded.json', 0, '/runs/2/'],
    ['runs_list.exchange.recorded.json', 1, '/runs/'],
  ] as const) {
    it(`${file}: a research-written answer has the recorded keys in order at every level`, async () => {
      const w = createWorld();
      const { access } = await w.login();
      const headers = { authorization: `Bearer ${access}`, 'content-type': 'application/json' };
      const submitted = await w.fetch(`${BASE_URL}/research/`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ url: 'https://trssllc.com' }),
      });
      expect(submitted.status).toBe(201);
      const recorded = (await interactions(file))[index]?.response;
      const response = await w.fetch(`${BASE_URL}${path}`, { headers });
      expect(response.status).toBe(recorded?.status);
      expect(response.headers.get('allow')).toBe(recorded?.headers.allow);
      expect(response.headers.get('content-type')).toBe(recorded?.headers['content-type']);
      expect(shapeOf(await response.json())).toEqual(shapeOf(recorded?.json));
    });
  }

  it('generate_pdf: same content type and disposition', async () => {
    const { recorded, response } = await replay('generate_pdf.exchange.recorded.json');
    expect(response.headers.get('content-type')).toBe(recorded.headers['content-type']);
    expect(response.headers.get('content-disposition')).toBe(recorded.headers['content-disposition']);
  });

  it('token_verify.expired: 401 token_not_valid with WWW-Authenticate', async () => {
    const w = createWorld();
    const { access } = await w.login();
    w.clock.advance(ACCESS_TOKEN_LIFETIME_MS);
    const recorded = (await interactions('token_verify.expired.exchange.recorded.json'))[0]?.response;
    const response = await w.fetch(`${BASE_URL}/token/verify/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: access }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual(recorded?.json);
    expect(response.headers.get('www-authenticate')).toBe(recorded?.headers['www-authenticate']);
    expect(response.headers.get('allow')).toBe(recorded?.headers.allow);
  });

  it('every derived simplejwt error body, with its status and challenge', async () => {
    const derived = await load('simplejwt.responses.derived.json');
    const expectMatch = async (name: string, response: Response) => {
      const entry = derived[name] as { status: number; json: unknown; headers?: Record<string, string> };
      expect(response.status, name).toBe(entry.status);
      expect(await response.json(), name).toEqual(entry.json);
      const challenge = entry.headers?.['www-authenticate'];
      if (challenge !== undefined) expect(response.headers.get('www-authenticate'), name).toBe(challenge);
    };
    const w = createWorld();
    const { access } = await w.login();
    const post = (path: string, body: unknown) =>
      w.fetch(`${BASE_URL}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    await expectMatch('bad_credentials_401', await post('/token/', { username: 'demo', password: 'wrong' }));
    await expectMatch('missing_field_400', await post('/token/', { username: 'demo' }));
    await expectMatch('missing_refresh_400', await post('/token/refresh/', {}));
    await expectMatch('wrong_token_type_401', await post('/token/refresh/', { refresh: access }));
    await expectMatch('token_not_valid_401', await post('/token/refresh/', { refresh: 'garbage' }));
    await expectMatch('verify_ok_200', await post('/token/verify/', { token: access }));
    await expectMatch('protected_no_auth_401', await w.fetch(`${BASE_URL}/reports/`));
    await expectMatch(
      'protected_bad_bearer_401',
      await w.fetch(`${BASE_URL}/reports/`, { headers: { authorization: 'Bearer garbage' } }),
    );
    const refreshed = await post('/token/refresh/', { refresh: (await w.login()).refresh });
    expect(Object.keys(await refreshed.json())).toEqual(['access']);
  });
});
