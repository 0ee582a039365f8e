import type { TokenStore } from '@tokenwise/auth-core/vendor';
import {
  accountPointerSchema,
  accountStateSchema,
  type CozifyAccountState,
  type CozifyHubState,
} from './schemas.js';

/** Fields of a hub's state to change; `host: undefined` forgets the LAN address. */
export interface HubPatch {
  name?: string | undefined;
  host?: string | undefined;
  remote?: boolean;
  autoremote?: boolean;
}

/** Store key of the last e-mail used with a store (python-cozify's `[Cloud] email`). */
export const ACCOUNT_POINTER_KEY = 'cozify-account';

/** Store key of an account's non-session state: hubs, LAN hosts, default hub. */
export function accountStateKey(email: string): string {
  return `cozify-state:${email}`;
}

// The one file of this package that reads and writes the store itself: account metadata (the
// hubs, the default hub, the store's current e-mail) is not a session, and the manager has no
// record API for it yet (see the package README, "Store layout").

/**
 * An account's hub bookkeeping in the user's store, next to the sessions and
 * under the same locks, so every process sharing the store sees one picture.
 * Holds no secrets: tokens live only in the sessions.
 */
export class AccountState {
  readonly key: string;
  readonly #store: TokenStore;
  readonly #email: string;

  constructor(store: TokenStore, email: string) {
    this.#store = store;
    this.#email = email;
    this.key = accountStateKey(email);
  }

  /**
   * The current state. An unreadable record reads as empty: it only caches
   * what the cloud can tell again (`discoverHubs`), unlike a session.
   */
  async read(): Promise<CozifyAccountState> {
    const parsed = accountStateSchema.safeParse(await this.#store.get(this.key));
    return parsed.success && parsed.data.email === this.#email
      ? parsed.data
      : { version: 1, email: this.#email, hubs: {} };
  }

  /** Read-modify-write under the store lock, so concurrent writers never lose each other's hubs. */
  async update(change: (state: CozifyAccountState) => void): Promise<CozifyAccountState> {
    return this.#store.withLock(this.key, async () => {
      const state = await this.read();
      change(state);
      await this.#store.set(this.key, state);
      return state;
    });
  }

  /** One hub's state, or `undefined` when the hub is unknown. */
  async hub(hubId: string): Promise<CozifyHubState | undefined> {
    return (await this.read()).hubs[hubId];
  }

  /** Merges `patch` into a known hub (no-op for an unknown one). */
  async patchHub(hubId: string, patch: HubPatch): Promise<void> {
    await this.update((state) => {
      const hub = state.hubs[hubId];
      if (hub) state.hubs[hubId] = dropUndefined({ ...hub, ...patch });
    });
  }

  /** Forgets the hubs (keeps nothing but the e-mail). */
  async clear(): Promise<void> {
    await this.#store.withLock(this.key, () => this.#store.delete(this.key));
  }
}

/** Reads the last e-mail used with `store`, if any. */
export async function readAccountPointer(store: TokenStore): Promise<string | undefined> {
  const parsed = accountPointerSchema.safeParse(await store.get(ACCOUNT_POINTER_KEY));
  return parsed.success ? parsed.data.email : undefined;
}

/** Forgets the store's current account, when it is still `email` (another process may have switched). */
export async function clearAccountPointer(store: TokenStore, email: string): Promise<void> {
  await store.withLock(ACCOUNT_POINTER_KEY, async () => {
    if ((await readAccountPointer(store)) === email) await store.delete(ACCOUNT_POINTER_KEY);
  });
}

/** Records `email` as the store's current account. */
export async function writeAccountPointer(store: TokenStore, email: string): Promise<void> {
  await store.withLock(ACCOUNT_POINTER_KEY, () => store.set(ACCOUNT_POINTER_KEY, { email }));
}

function dropUndefined(hub: CozifyHubState & HubPatch): CozifyHubState {
  const out: CozifyHubState = { id: hub.id, remote: hub.remote, autoremote: hub.autoremote };
  if (hub.name !== undefined) out.name = hub.name;
  if (hub.host !== undefined) out.host = hub.host;
  return out;
}
