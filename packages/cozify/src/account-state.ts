import { StoredRecord, type TokenStore } from '@tokenwise/auth-core/vendor';
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

// Account metadata (the hubs, the default hub, the store's current e-mail) is not a session: it
// lives in core StoredRecords beside the sessions, changed atomically under the store's locks.

/**
 * An account's hub bookkeeping in the user's store, next to the sessions and
 * under the same locks, so every process sharing the store sees one picture.
 * Holds no secrets: tokens live only in the sessions.
 */
export class AccountState {
  readonly key: string;
  readonly #record: StoredRecord<CozifyAccountState>;
  readonly #email: string;

  constructor(store: TokenStore, email: string) {
    this.#email = email;
    this.key = accountStateKey(email);
    this.#record = new StoredRecord({ store, key: this.key, schema: accountStateSchema });
  }

  /**
   * The current state. An unreadable record reads as empty: it only caches
   * what the cloud can tell again (`discoverHubs`), unlike a session.
   */
  async read(): Promise<CozifyAccountState> {
    return this.#ownOrEmpty(await this.#record.read());
  }

  /** Read-modify-write under the store lock, so concurrent writers never lose each other's hubs. */
  async update(change: (state: CozifyAccountState) => void): Promise<CozifyAccountState> {
    const written = await this.#record.update((current) => {
      const state = this.#ownOrEmpty(current);
      change(state);
      return state;
    });
    return this.#ownOrEmpty(written);
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
  clear(): Promise<void> {
    return this.#record.delete();
  }

  #ownOrEmpty(state: CozifyAccountState | undefined): CozifyAccountState {
    return state !== undefined && state.email === this.#email
      ? state
      : { version: 1, email: this.#email, hubs: {} };
  }
}

function accountPointer(store: TokenStore): StoredRecord<{ email: string }> {
  return new StoredRecord({ store, key: ACCOUNT_POINTER_KEY, schema: accountPointerSchema });
}

/** Reads the last e-mail used with `store`, if any. */
export async function readAccountPointer(store: TokenStore): Promise<string | undefined> {
  return (await accountPointer(store).read())?.email;
}

/** Forgets the store's current account, when it is still `email` (another process may have switched). */
export async function clearAccountPointer(store: TokenStore, email: string): Promise<void> {
  await accountPointer(store).update((current) => (current?.email === email ? undefined : current));
}

/** Records `email` as the store's current account. */
export async function writeAccountPointer(store: TokenStore, email: string): Promise<void> {
  await accountPointer(store).update(() => ({ email }));
}

function dropUndefined(hub: CozifyHubState & HubPatch): CozifyHubState {
  const out: CozifyHubState = { id: hub.id, remote: hub.remote, autoremote: hub.autoremote };
  if (hub.name !== undefined) out.name = hub.name;
  if (hub.host !== undefined) out.host = hub.host;
  return out;
}
