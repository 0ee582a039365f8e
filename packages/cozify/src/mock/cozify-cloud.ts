import { randomInt, randomUUID } from 'node:crypto';
import {
  fakeJwt,
  MockCloud,
  type MockCloudCounts,
  type MockFault,
  MockTokens,
  mockCloudCounts,
} from '@tokenwise/auth-core/mock';
import { type Clock, systemClock } from '@tokenwise/auth-core/vendor';
import { CozifyHubSim } from './cozify-hub-sim.js';
import { json, text } from './mock-responses.js';

/** A hub of a simulated account. */
export interface CozifyMockHub {
  id: string;
  name: string;
  /** What `lan_ip` reports for it. Default `['127.0.0.1']`. */
  lanIps?: string[];
}

/** Simulated accounts: e-mail -> the hubs it may reach. */
export type CozifyMockAccounts = Record<string, { hubs: CozifyMockHub[] }>;

/** The demo account: one hub named like the upstream test hub. */
export const DEMO_ACCOUNTS: CozifyMockAccounts = {
  'demo@example.com': {
    hubs: [{ id: 'deadbeef-aaaa-bbbb-cccc-tmphubdddddd', name: 'HubbyMcHubFace' }],
  },
};

/** One OTP e-mail the simulated cloud "sent". */
export interface CozifyOutboxMessage {
  email: string;
  code: string;
  sentAt: number;
}

/** Options of {@link CozifyCloud}. */
export interface CozifyCloudOptions {
  clock?: Clock;
  accounts?: CozifyMockAccounts;
  /** Cloud token lifetime. Default 28 days. */
  cloudTokenTtlMs?: number;
  /** Hub key lifetime. Default 28 days. */
  hubTokenTtlMs?: number;
  /** How long an e-mailed code works. Default 15 minutes. */
  otpTtlMs?: number;
  /** The caller shares the hubs' public NAT address, so `lan_ip` answers. Default true. */
  sameNat?: boolean;
  /**
   * `emaillogin` and `refreshsession` reply with the token in double quotes
   * (`"eyJ…"`), as some deployments do (the vendor doc leaves it open). Default
   * false: the bare token text the recorded exchange shows.
   */
  quoteTokens?: boolean;
}

/** What the simulated cloud has seen: the base's counters and Cozify's own. */
export interface CozifyCloudCounts extends MockCloudCounts {
  /** OTP e-mails sent (`requestlogin`). */
  otpRequests: number;
  /** `hubkeys` calls (every one, including pings). */
  hubKeys: number;
  /** Calls relayed to a hub. */
  remoteRequests: number;
}

/** A cloud token as the simulator knows it. */
interface IssuedCloudToken {
  email: string;
  /** Which {@link CozifyCloud.revokeRefreshTokens} generation it belongs to. */
  generation: number;
}

interface IssuedHubKey {
  email: string;
  hubId: string;
}

/** Cozify's token header (`dom` is the region the cloud signs for). */
const JWT_HEADER = { dom: 'uk', alg: 'HS512', typ: 'JWT' };

const PREFIX = '/ui/0.2/';

/**
 * A stateful Cozify cloud, from the vendor's wire format: OTP e-mails into an
 * inspectable outbox (single use, expiring), raw-JWT cloud tokens of 28 days,
 * `refreshsession` only while valid, `hubkeys`, `lan_ip` and the remote hub
 * relay with `X-Hub-Key`. Its hubs are {@link CozifyHubSim}s (see {@link CozifyCloud.hub}).
 */
export class CozifyCloud extends MockCloud {
  readonly counts: CozifyCloudCounts = mockCloudCounts({ otpRequests: 0, hubKeys: 0, remoteRequests: 0 });
  /** Cozify renews a still-valid cloud token with `refreshsession`. */
  readonly renewsBy = 'refresh' as const;
  /** Every OTP e-mail sent, oldest first. */
  readonly outbox: CozifyOutboxMessage[] = [];
  readonly cloudTokenTtlMs: number;
  readonly hubTokenTtlMs: number;
  readonly otpTtlMs: number;
  /** See {@link CozifyCloudOptions.sameNat}. */
  sameNat: boolean;
  /** See {@link CozifyCloudOptions.quoteTokens}. */
  quoteTokens: boolean;
  readonly #clock: Clock;
  readonly #accounts: Map<string, CozifyMockHub[]>;
  readonly #hubs = new Map<string, CozifyHubSim>();
  readonly #cloudTokens = new MockTokens<IssuedCloudToken>();
  readonly #hubKeys = new MockTokens<IssuedHubKey>();
  /** The live key of each `email/hubId`: hub keys are handed out again until they expire. */
  readonly #currentHubKey = new Map<string, string>();
  readonly #liveOtps = new Map<string, { code: string; expiresAt: number }>();
  readonly #userIds = new Map<string, string>();
  #renewalFault: number | undefined;
  #refusingRefresh = false;
  #generation = 0;
  #refreshableFrom = 0;

  constructor(options: CozifyCloudOptions = {}) {
    super();
    this.#clock = options.clock ?? systemClock;
    this.cloudTokenTtlMs = options.cloudTokenTtlMs ?? 28 * 86_400_000;
    this.hubTokenTtlMs = options.hubTokenTtlMs ?? 28 * 86_400_000;
    this.otpTtlMs = options.otpTtlMs ?? 15 * 60_000;
    this.sameNat = options.sameNat ?? true;
    this.quoteTokens = options.quoteTokens ?? false;
    this.#accounts = new Map(
      Object.entries(options.accounts ?? DEMO_ACCOUNTS).map(([email, { hubs }]) => [email, hubs]),
    );
    for (const hubs of this.#accounts.values()) {
      for (const hub of hubs) {
        if (this.#hubs.has(hub.id)) continue;
        this.#hubs.set(
          hub.id,
          new CozifyHubSim({
            id: hub.id,
            name: hub.name,
            ...(hub.lanIps ? { lanIps: hub.lanIps } : {}),
            verifyKey: (hubId, key) => this.#validHubKey(hubId, key) !== undefined,
            clock: this.#clock,
          }),
        );
      }
    }
  }

  /** The cloud handler; serve it with `handlerFetch`, MSW or `startLoopbackServer` under `/ui/0.2`. */
  readonly handler = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (!url.pathname.startsWith(PREFIX)) return json({ error: 'not found' }, 404);
    const path = url.pathname.slice(PREFIX.length);
    const method = request.method;
    if (method === 'POST' && path === 'user/requestlogin') return this.#requestLogin(request, url);
    if (method === 'POST' && path === 'user/emaillogin') return this.#emailLogin(request, url);
    // python-cozify and the JS-SDK send GET, PilcQ POST: both are accepted.
    if ((method === 'GET' || method === 'POST') && path === 'user/refreshsession')
      return this.#refresh(request);
    if (method === 'GET' && path === 'user/hubkeys') return this.#hubKeysCall(request);
    if (method === 'GET' && path === 'hub/lan_ip') return this.#lanIp();
    if (path.startsWith('hub/remote/')) return this.#remote(request, path.slice('hub/remote'.length));
    return json({ error: 'not found' }, 404);
  };

  /** A hub simulator by id (serve its `handler` on a loopback port for LAN tests). */
  hub(id: string): CozifyHubSim {
    const hub = this.#hubs.get(id);
    if (!hub) throw new Error(`The simulated cloud has no hub ${id}`);
    return hub;
  }

  /** Test-only: the code of the latest OTP e-mail to `email`, if any was sent. */
  lastOtp(email: string): string | undefined {
    return this.outbox.findLast((message) => message.email === email)?.code;
  }

  /**
   * The next renewal — `refreshsession` or `requestlogin`, whichever comes
   * first — answers `status`: an expired token is renewed by an OTP login,
   * so the fault must meet whichever the client sends.
   */
  override failNextRenewal(status = 503): void {
    this.#renewalFault = status;
  }

  /** Cozify's own toggle: `refreshsession` answers 401 whatever it is sent (or back to normal). */
  refuseRefresh(on = true): void {
    this.#refusingRefresh = on;
  }

  /** Every cloud token issued so far stops working, for data calls and renewal alike. */
  revokeAccessTokens(): void {
    this.#cloudTokens.revokeAll();
  }

  /**
   * Cozify has no separate refresh token: the cloud token renews itself. So
   * every cloud token issued so far can no longer be renewed (`refreshsession`
   * answers 401) while it still works for data calls until it expires; tokens
   * issued afterwards renew normally.
   */
  revokeRefreshTokens(): void {
    this.#refreshableFrom = ++this.#generation;
  }

  /** Every hub key issued so far stops working (hubs answer 401 to them). */
  revokeHubKeys(): void {
    this.#hubKeys.revokeAll();
    this.#currentHubKey.clear();
  }

  async #requestLogin(request: Request, url: URL): Promise<Response> {
    const fault = this.#takeRenewalFault('login') ?? this.takeLoginFault();
    if (fault) return faultResponse(fault);
    // The e-mail goes in the query string since 2021; Kirbo's older client sent a form body.
    const email = url.searchParams.get('email') ?? (await formField(request, 'email'));
    if (email && this.#accounts.has(email)) {
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const now = this.#clock.now();
      this.#liveOtps.set(email, { code, expiresAt: now + this.otpTtlMs });
      this.outbox.push({ email, code, sentAt: now });
      this.counts.otpRequests++;
    }
    // The cloud answers the same for unknown addresses: it does not reveal accounts.
    return json(null);
  }

  async #emailLogin(request: Request, url: URL): Promise<Response> {
    const form = await request.text().then((body) => new URLSearchParams(body));
    // Form body today; python-cozify before 2021 sent query parameters.
    const email = form.get('email') ?? url.searchParams.get('email') ?? '';
    const code = form.get('password') ?? url.searchParams.get('password') ?? '';
    const live = this.#liveOtps.get(email);
    if (!live || live.code !== code || live.expiresAt <= this.#clock.now()) {
      this.counts.failedLogins++;
      return json({ error: 'invalid one-time password' }, 401);
    }
    this.#liveOtps.delete(email);
    this.counts.logins++;
    return this.#tokenReply(this.#mintCloudToken(email));
  }

  #refresh(request: Request): Response {
    const fault = this.#takeRenewalFault('refresh') ?? this.takeRefreshFault();
    if (fault) return faultResponse(fault);
    const issued = this.#validCloudToken(request.headers.get('authorization'));
    if (!issued || this.#refusingRefresh || issued.generation < this.#refreshableFrom) {
      this.counts.failedRefreshes++;
      return json({ error: 'unauthorized' }, 401);
    }
    this.counts.refreshes++;
    // The old token stays valid until its own expiry: the cloud keeps no session list.
    return this.#tokenReply(this.#mintCloudToken(issued.email));
  }

  #tokenReply(token: string): Response {
    return text(this.quoteTokens ? `"${token}"` : token);
  }

  #hubKeysCall(request: Request): Response {
    this.counts.requests++;
    this.counts.hubKeys++;
    const issued = this.#validCloudToken(request.headers.get('authorization'));
    if (!issued || this.rejectingAll) {
      this.counts.rejectedRequests++;
      return json({ error: 'unauthorized' }, 401);
    }
    const keys: Record<string, string> = {};
    for (const hub of this.#accounts.get(issued.email) ?? [])
      keys[hub.id] = this.#hubKeyFor(issued.email, hub);
    return json(keys);
  }

  #lanIp(): Response {
    const ips = [...this.#hubs.values()].flatMap((hub) => hub.lanIps);
    // Callers elsewhere get an error, which python-cozify surfaces as APIError.
    if (!this.sameNat || ips.length === 0) return json({ error: 'no hub found in your network' }, 404);
    return json(ips);
  }

  async #remote(request: Request, path: string): Promise<Response> {
    this.counts.requests++;
    const issued = this.#validCloudToken(request.headers.get('authorization'));
    const hubKey = this.#validHubKey(undefined, request.headers.get('x-hub-key') ?? '');
    if (!issued || !hubKey || hubKey.email !== issued.email || this.rejectingAll) {
      this.counts.rejectedRequests++;
      return json({ error: 'unauthorized' }, 401);
    }
    const hub = this.#hubs.get(hubKey.hubId);
    if (!hub?.connectedToCloud) return json({ error: 'hub not connected' }, 408);
    this.counts.remoteRequests++;
    return hub.relay(request, path);
  }

  /** The Cozify renewal fault, taken by whichever renewal step comes first, and counted. */
  #takeRenewalFault(step: 'login' | 'refresh'): MockFault | undefined {
    const status = this.#renewalFault;
    if (status === undefined) return undefined;
    this.#renewalFault = undefined;
    if (step === 'login') this.counts.failedLogins++;
    else this.counts.failedRefreshes++;
    return { kind: 'status', status };
  }

  #mintCloudToken(email: string): string {
    const now = this.#clock.now();
    const expiresAt = now + this.cloudTokenTtlMs;
    const claims = {
      role: 8,
      iat: Math.floor(now / 1000),
      exp: Math.floor(expiresAt / 1000),
      user_id: this.#userId(email),
      iss: 'Cloud',
      kid: randomUUID(),
    };
    return this.#cloudTokens.issue(
      fakeJwt(claims, { header: JWT_HEADER }),
      { email, generation: this.#generation },
      expiresAt,
    );
  }

  /** The account's live key for `hub`, minted when it has none (hub keys are reused until they expire). */
  #hubKeyFor(email: string, hub: CozifyMockHub): string {
    const now = this.#clock.now();
    const slot = `${email}/${hub.id}`;
    const live = this.#currentHubKey.get(slot);
    if (live !== undefined && this.#hubKeys.lookup(live, now)) return live;
    const expiresAt = now + this.hubTokenTtlMs;
    const claims = {
      hub_id: hub.id,
      hub_name: hub.name,
      role: 32,
      owner: true,
      nickname: email.split('@')[0],
      email,
      user_id: this.#userId(email),
      iat: Math.floor(now / 1000),
      exp: Math.floor(expiresAt / 1000),
      kid: randomUUID(),
    };
    const key = this.#hubKeys.issue(
      fakeJwt(claims, { header: JWT_HEADER }),
      { email, hubId: hub.id },
      expiresAt,
    );
    this.#currentHubKey.set(slot, key);
    return key;
  }

  #validCloudToken(token: string | null): IssuedCloudToken | undefined {
    return this.#cloudTokens.lookup(token, this.#clock.now());
  }

  #validHubKey(hubId: string | undefined, key: string): IssuedHubKey | undefined {
    const issued = this.#hubKeys.lookup(key, this.#clock.now());
    return issued && (hubId === undefined || issued.hubId === hubId) ? issued : undefined;
  }

  #userId(email: string): string {
    let id = this.#userIds.get(email);
    if (!id) {
      id = randomUUID();
      this.#userIds.set(email, id);
    }
    return id;
  }
}

async function formField(request: Request, name: string): Promise<string | null> {
  const body = await request.text().catch(() => '');
  return new URLSearchParams(body).get(name);
}

/** The answer to a fault the test asked for: Cozify's 429 (with `Retry-After` in seconds) or a status. */
function faultResponse(fault: MockFault): Response {
  if (fault.kind === 'status') return json({ error: 'server error' }, fault.status);
  const retryAfter = fault.retryAfterMs;
  return json(
    { error: 'too many requests' },
    429,
    retryAfter === undefined ? {} : { 'retry-after': String(Math.ceil(retryAfter / 1000)) },
  );
}
