import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { __Vendor__Cloud, DEMO_ACCOUNTS, FakeClock } from '../src/mock/index.js';
import { errorBodySchema, itemsResponseSchema, tokenResponseSchema } from '../src/schemas.js';

const folder = new URL('./fixtures/__vendor__/', import.meta.url);
const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(name, folder), 'utf8'));

/** Every recorded payload and the schema the package reads it with. */
const SCHEMAS: Record<string, z.ZodType> = {
  'token.response.json': tokenResponseSchema,
  'items.response.json': itemsResponseSchema,
  'error.invalid-credentials.json': errorBodySchema,
};

/** The keys of an object and of the objects inside it, as paths: the shape without the values. */
function shape(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.length === 0 ? [`${path}[]`] : shape(value[0], `${path}[]`);
  if (value === null || typeof value !== 'object') return [`${path}:${value === null ? 'null' : typeof value}`];
  return Object.entries(value).flatMap(([key, inner]) => shape(inner, `${path}.${key}`));
}

describe('__Vendor__ fixtures', () => {
  it('every fixture has a schema, and every schema parses its fixture', () => {
    const files = readdirSync(folder).filter((name) => name.endsWith('.json'));
    expect(files.sort()).toEqual(Object.keys(SCHEMAS).sort());
    for (const [name, schema] of Object.entries(SCHEMAS)) {
      expect(schema.safeParse(fixture(name)).success, name).toBe(true);
    }
  });

  it('the mock answers in the recorded shapes', async () => {
    const cloud = new __Vendor__Cloud({ clock: new FakeClock() });
    const account = DEMO_ACCOUNTS[0] ?? { username: '', password: '' };
    const post = (path: string, body: unknown) =>
      cloud.handler(
        new Request(`https://__vendor__.test/${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      );
    const login = await post('auth/login', account);
    const token = (await login.json()) as { access_token: string };
    expect(shape(token)).toEqual(shape(fixture('token.response.json')));
    const items = await cloud.handler(
      new Request('https://__vendor__.test/api/items', {
        headers: { authorization: `Bearer ${token.access_token}` },
      }),
    );
    expect(shape(await items.json())).toEqual(shape(fixture('items.response.json')));
    const refused = await post('auth/login', { ...account, password: 'wrong' });
    expect(refused.status).toBe(401);
    expect(shape(await refused.json())).toEqual(shape(fixture('error.invalid-credentials.json')));
  });
});
