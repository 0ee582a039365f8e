import { describe, expect, it } from 'vitest';
import { V1_APPLICATION_ID, V2_CLIENT_BASIC } from '../src/constants.js';
import { createCloud } from './harness.js';

const HOST = 'https://tccna.resideo.com';

/** The mock must be as strict as the vendor, or an SDK bug would pass here and fail in production. */
describe('mock cloud wire strictness', () => {
  it('V1 login takes JSON (evohome-client style, PascalCase) or a form (evohome-async style)', async () => {
    const { cloud } = createCloud({ loginWindowMs: 0 });
    const asJson = await cloud.handler(
      new Request(`${HOST}/WebAPI/api/Session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          Username: 'demo@example.com',
          Password: 'demo-password',
          ApplicationId: V1_APPLICATION_ID,
        }),
      }),
    );
    expect(asJson.status).toBe(200);
    const noAppId = await cloud.handler(
      new Request(`${HOST}/WebAPI/api/session`, {
        method: 'POST',
        body: new URLSearchParams({ username: 'demo@example.com', password: 'demo-password' }),
      }),
    );
    expect(noAppId.status).toBe(401);
    expect(await noAppId.json()).toEqual([
      { code: 'EmailOrPasswordIncorrect', message: 'The email or password provided is incorrect.' },
    ]);
  });

  it('the token endpoint wants the Basic client header and a form, with case-sensitive Username/Password', async () => {
    const { cloud } = createCloud({ loginWindowMs: 0 });
    const fields = {
      grant_type: 'password',
      scope: 'EMEA-V1-Basic EMEA-V1-Anonymous',
      Username: 'demo@example.com',
      Password: 'demo-password',
    };
    const token = (init: RequestInit) =>
      cloud.handler(new Request(`${HOST}/Auth/OAuth/Token`, { method: 'POST', ...init }));
    const basic = { authorization: `Basic ${V2_CLIENT_BASIC}` };

    expect((await token({ headers: basic, body: new URLSearchParams(fields) })).status).toBe(200);
    expect((await token({ body: new URLSearchParams(fields) })).status).toBe(401);
    const asJson = await token({
      headers: { ...basic, 'content-type': 'application/json' },
      body: JSON.stringify(fields),
    });
    expect(asJson.status).toBe(400);
    const lowerCase = await token({
      headers: basic,
      body: new URLSearchParams({ ...fields, Username: '', username: 'demo@example.com' }),
    });
    expect(lowerCase.status).toBe(400);
    expect(await lowerCase.json()).toEqual({ error: 'invalid_grant' });
  });

  it('V2 data routes need their query and answer a wrong method with 405 JSON', async () => {
    const { cloud } = createCloud();
    const login = await cloud.handler(
      new Request(`${HOST}/Auth/OAuth/Token`, {
        method: 'POST',
        headers: { authorization: `Basic ${V2_CLIENT_BASIC}` },
        body: new URLSearchParams({
          grant_type: 'password',
          scope: 'EMEA-V1-Basic EMEA-V1-Anonymous',
          Username: 'demo@example.com',
          Password: 'demo-password',
        }),
      }),
    );
    const { access_token: accessToken } = (await login.json()) as { access_token: string };
    const call = (path: string, method = 'GET') =>
      cloud.handler(
        new Request(`${HOST}/WebAPI/emea/api/v1/${path}`, {
          method,
          headers: { authorization: `bearer ${accessToken}` },
        }),
      );
    expect((await call('location/2738909/status?includeTemperatureControlSystems=True')).status).toBe(200);
    const noQuery = await call('location/2738909/status');
    expect(noQuery.status).toBe(404);
    expect(noQuery.headers.get('content-type')).toContain('json');
    const put = await call('userAccount', 'PUT');
    expect(put.status).toBe(405);
    expect(await put.json()).toEqual({
      message: "The requested resource does not support http method 'PUT'.",
    });
    const unknown = await call('userXxxxxxx');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('text/html');
  });
});
