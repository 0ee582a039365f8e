import { type Clock, systemClock } from '@tokenwise/auth-core/vendor';
import { applyDeviceCommands } from './device-commands.js';
import { initialDevices } from './mock-devices.js';
import { json as jsonResponse } from './mock-responses.js';
import { applySceneCommands, initialScenes } from './mock-scenes.js';

/** What a simulated hub has seen. */
export interface CozifyHubCounts {
  /** Authenticated hub API calls received on the LAN (accepted or rejected). */
  lanRequests: number;
  /** Hub API calls relayed by the cloud. */
  remoteRequests: number;
  /** Calls refused for a missing, expired or foreign hub key. */
  rejected: number;
  /** Unauthenticated `/hub` probes. */
  probes: number;
}

/** Options of {@link CozifyHubSim}. */
export interface CozifyHubSimOptions {
  id: string;
  name: string;
  /** Addresses the cloud's `lan_ip` reports for this hub. Default `['127.0.0.1']`. */
  lanIps?: string[];
  /** Checks a hub key: true when it is a live key for this hub (the cloud issues them). */
  verifyKey(hubId: string, key: string): boolean;
  /** Stamps changed devices. Default the system clock. */
  clock?: Clock;
}

const API_PATH = /^\/cc\/(\d+)\.(\d+)\/(.+)$/;

/**
 * A Cozify hub: the unauthenticated `/hub` probe and the hub API under
 * `/cc/<ver>/` behind hub-key checks: `hub/tz`, `devices` (every field of the
 * recorded reply) and `devices/command`, `scenes` and `scenes/command`; a
 * command's effect shows in the next read. Serve {@link CozifyHubSim.handler} on
 * its own 127.0.0.1 port (`startLoopbackServer`); closing that server makes
 * the hub unreachable on the LAN, and `connectedToCloud = false` makes the
 * cloud relay answer 408.
 */
export class CozifyHubSim {
  readonly id: string;
  readonly name: string;
  readonly counts: CozifyHubCounts = { lanRequests: 0, remoteRequests: 0, rejected: 0, probes: 0 };
  lanIps: string[];
  /** Whether the hub keeps its link to the cloud (the relay answers 408 when not). */
  connectedToCloud = true;
  readonly #verifyKey: (hubId: string, key: string) => boolean;
  readonly #clock: Clock;
  readonly #devices = initialDevices();
  readonly #scenes = initialScenes();

  constructor(options: CozifyHubSimOptions) {
    this.id = options.id;
    this.name = options.name;
    this.lanIps = options.lanIps ?? ['127.0.0.1'];
    this.#verifyKey = options.verifyKey;
    this.#clock = options.clock ?? systemClock;
  }

  /** The LAN handler (what `http://<ip>:8893` answers). */
  readonly handler = async (request: Request): Promise<Response> => this.#serve(request, 'lan');

  /** A call relayed by the cloud: `path` is what follows `/hub/remote`. */
  relay(request: Request, path: string): Promise<Response> {
    return this.#serve(request, 'remote', path);
  }

  /** The hub's own description (`/hub`). */
  describe(): Record<string, unknown> {
    return {
      hubId: this.id,
      name: this.name,
      version: '1.14.2.7',
      connected: this.connectedToCloud,
      features: [],
      state: 'alive',
    };
  }

  async #serve(request: Request, via: 'lan' | 'remote', relayedPath?: string): Promise<Response> {
    const path = relayedPath ?? new URL(request.url).pathname;
    if (request.method === 'GET' && (path === '/hub' || path === '/hub/')) {
      if (via === 'lan') this.counts.probes++;
      return jsonResponse(this.describe());
    }
    const match = API_PATH.exec(path);
    if (!match) return jsonResponse({ error: 'not found' }, 404);
    if (via === 'lan') this.counts.lanRequests++;
    else this.counts.remoteRequests++;
    const key =
      (via === 'lan' ? request.headers.get('authorization') : request.headers.get('x-hub-key')) ?? '';
    if (!this.#verifyKey(this.id, key)) {
      this.counts.rejected++;
      return jsonResponse({ error: 'unauthorized' }, 401);
    }
    // Hubs refuse API versions they no longer speak.
    if (Number(match[1]) < 1 || (Number(match[1]) === 1 && Number(match[2]) < 11)) {
      return jsonResponse({ error: 'api version obsolete' }, 410);
    }
    return this.#api(request, match[3] ?? '');
  }

  async #api(request: Request, route: string): Promise<Response> {
    if (request.method === 'GET' && route === 'hub/tz') return jsonResponse('Europe/Helsinki');
    if (request.method === 'GET' && route === 'devices') return jsonResponse(this.#devices);
    if (request.method === 'GET' && route === 'scenes') return jsonResponse(this.#scenes);
    if (request.method === 'PUT' && route === 'scenes/command') {
      const body: unknown = await request.json().catch(() => undefined);
      const refused = applySceneCommands(this.#scenes, body);
      return refused ? jsonResponse({ error: refused.error }, refused.status) : jsonResponse({});
    }
    if (request.method === 'PUT' && route === 'devices/command') {
      const body: unknown = await request.json().catch(() => undefined);
      const refused = applyDeviceCommands(this.#devices, body, this.#clock.now());
      return refused ? jsonResponse({ error: refused.error }, refused.status) : jsonResponse({});
    }
    return jsonResponse({ error: 'not found' }, 404);
  }
}
