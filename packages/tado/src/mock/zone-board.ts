import { jsonResponse } from '@tokenwise/auth-core/mock';
import type { MockTadoAccount } from './demo-accounts.js';

type Json = Record<string, unknown>;

/** tado's error envelope (§4.1). */
function restError(status: number, code: string, title: string): Response {
  return jsonResponse({ errors: [{ code, title }] }, status);
}

/**
 * The homes, zones and overlays behind the simulator's REST answers, in
 * tado's shapes (§3): `/me` in the account's variant, zones, zone states, and
 * overlays set with `PUT` and removed with `DELETE`.
 */
export class ZoneBoard {
  readonly #overlays = new Map<string, Json>();
  /** Answers one authorized REST call of `account` on `path` (relative to `/api/v2`). */
  async answer(
    request: Request,
    path: string,
    account: MockTadoAccount | undefined,
    overlayNoContent: boolean,
  ): Promise<Response> {
    if (account === undefined) return restError(401, 'unauthorized', 'access token is expired');
    if (path === '/me' && request.method === 'GET') return jsonResponse(me(account));
    const match = /^\/homes\/(\d+)(\/.*)?$/.exec(path);
    if (match === null) return restError(404, 'notFound', `resource ${path} not found`);
    const homeId = Number(match[1]);
    const home = account.homes.find((h) => h.id === homeId);
    if (home === undefined) {
      return restError(
        403,
        'accessDenied',
        `current user is not allowed to access home ${homeId} (user is not a resident)`,
      );
    }
    const rest = match[2] ?? '';
    if (rest === '/zones' && request.method === 'GET') {
      return jsonResponse(
        home.zones.map((z) => ({ ...z, dateCreated: '2018-06-22T12:00:30.914Z', deviceTypes: ['RU01'] })),
      );
    }
    if (rest === '/zoneStates' && request.method === 'GET') {
      return jsonResponse({
        zoneStates: Object.fromEntries(
          home.zones.map((z) => [String(z.id), this.#state(homeId, z.id, z.type)]),
        ),
      });
    }
    const zoneMatch = /^\/zones\/(\d+)\/(state|overlay)$/.exec(rest);
    const zone = zoneMatch === null ? undefined : home.zones.find((z) => z.id === Number(zoneMatch[1]));
    if (zoneMatch === null || zone === undefined)
      return restError(404, 'notFound', `resource ${path} not found`);
    const key = `${homeId}/${zone.id}`;
    if (zoneMatch[2] === 'state' && request.method === 'GET')
      return jsonResponse(this.#state(homeId, zone.id, zone.type));
    if (zoneMatch[2] === 'overlay' && request.method === 'PUT') {
      const body = (await request.json().catch(() => undefined)) as Json | undefined;
      const setting = body?.setting as Json | undefined;
      const termination = body?.termination as Json | undefined;
      if (typeof setting?.type !== 'string' || typeof termination !== 'object' || termination === null) {
        return jsonResponse(
          {
            errors: [
              { code: 'invalidInput', title: 'setting and termination are required', zoneType: zone.type },
            ],
          },
          422,
        );
      }
      const kind = String(termination.typeSkillBasedApp ?? termination.type ?? 'MANUAL');
      const overlay = {
        type: 'MANUAL',
        setting: withFahrenheit(setting),
        termination: {
          type: kind === 'NEXT_TIME_BLOCK' ? 'TIMER' : kind,
          typeSkillBasedApp: kind,
          projectedExpiry: null,
        },
      };
      this.#overlays.set(key, overlay);
      return overlayNoContent ? new Response(null, { status: 204 }) : jsonResponse(overlay);
    }
    if (zoneMatch[2] === 'overlay' && request.method === 'DELETE') {
      this.#overlays.delete(key);
      return new Response(null, { status: 204 });
    }
    if (zoneMatch[2] === 'overlay' && request.method === 'GET') {
      const overlay = this.#overlays.get(key);
      return overlay === undefined
        ? restError(404, 'notFound', 'No overlay for this zone')
        : jsonResponse(overlay);
    }
    return restError(405, 'methodNotAllowed', `${request.method} is not allowed here`);
  }

  #state(homeId: number, zoneId: number, type: string): Json {
    const overlay = this.#overlays.get(`${homeId}/${zoneId}`);
    const scheduled = { type, power: 'ON', temperature: { celsius: 20.5, fahrenheit: 68.9 } };
    return {
      tadoMode: 'HOME',
      geolocationOverride: false,
      setting: overlay === undefined ? scheduled : overlay.setting,
      overlayType: overlay === undefined ? null : 'MANUAL',
      overlay: overlay ?? null,
      openWindow: null,
      link: { state: 'ONLINE' },
      sensorDataPoints: {
        insideTemperature: { celsius: Math.round(213 + zoneId) / 10, fahrenheit: 70.3, type: 'TEMPERATURE' },
        humidity: { type: 'PERCENTAGE', percentage: 47.4 },
      },
    };
  }
}

function me(account: MockTadoAccount): Json {
  const base = {
    name: account.name,
    email: account.email,
    username: account.email,
    id: 'mock-user',
    locale: 'en',
  };
  switch (account.meVariant) {
    case 'empty':
      return {};
    case 'homeId':
      return { ...base, homeId: account.homes[0]?.id };
    default:
      return { ...base, homes: account.homes.map((h) => ({ id: h.id, name: h.name })) };
  }
}

function withFahrenheit(setting: Json): Json {
  const temperature = setting.temperature as { celsius?: unknown } | undefined;
  if (typeof temperature?.celsius !== 'number') return setting;
  const celsius = temperature.celsius;
  return {
    ...setting,
    temperature: { celsius, fahrenheit: Math.round(((celsius * 9) / 5) * 10 + 320) / 10 },
  };
}
