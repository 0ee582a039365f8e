import { readFile } from 'node:fs/promises';
import { ConfigurationError, ErrorCodes, isTokenwiseError } from '@tokenwise/auth-core/vendor';
import type { CozifyAccount } from './account.js';
import { VENDOR } from './constants.js';
import { hubSessionFromToken } from './hub-strategy.js';
import { importedCloudSession } from './imported-session.js';
import { type PythonCozifyState, parsePythonCozifyState } from './python-state.js';
import type { CozifyHubState } from './schemas.js';

/** What {@link Cozify.importPythonCozifyState} took over. */
export interface PythonImportResult {
  email: string;
  /** The cloud token was imported (false: absent, expired, or a valid one was already stored). */
  cloudToken: boolean;
  /** Hub ids imported. */
  hubs: string[];
}

/** Reads and parses a python-cozify state file; an unreadable file is a `ConfigurationError`. */
export async function readPythonCozifyState(path: string): Promise<PythonCozifyState> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new ConfigurationError(`Could not read the python-cozify state file at ${path}`, {
      vendor: VENDOR,
    });
  }
  return parsePythonCozifyState(text, path);
}

/**
 * Writes what a python-cozify file holds into the account's sessions and
 * state. Valid tokens already stored win (a stored session is never silently
 * replaced), expired imported ones are dropped, known hubs are left as they are.
 */
export async function importPythonState(
  account: CozifyAccount,
  imported: PythonCozifyState,
  now: number,
): Promise<PythonImportResult> {
  const { email } = account;
  let cloudToken = false;
  // adopt, not setSession: under the store lock, a usable stored token wins ('always'), so a
  // token another process just stored is never overwritten by an older file.
  if (imported.cloudToken !== undefined) {
    const session = importedCloudSession(email, imported.cloudToken, imported.lastRefresh ?? now);
    if (isLive(session.expiresAt, now)) {
      const kept = await account.cloudManager
        .adopt(session, { check: 'none', preferStored: 'always' })
        .catch(unlessExpired);
      cloudToken = kept?.cloudToken === session.cloudToken;
    }
  }
  for (const hub of imported.hubs) {
    if (hub.token === undefined) continue;
    const session = hubSessionFromToken(email, hub.id, hub.token, now, 'imported');
    if (isLive(session.expiresAt, now)) {
      await account
        .hub(hub.id)
        .manager.adopt(session, { check: 'none', preferStored: 'always' })
        .catch(unlessExpired);
    }
  }
  await account.state.update((state) => {
    for (const hub of imported.hubs) {
      if (state.hubs[hub.id]) continue;
      const entry: CozifyHubState = { id: hub.id, remote: hub.remote, autoremote: hub.autoremote };
      if (hub.name !== undefined) entry.name = hub.name;
      if (hub.host !== undefined) entry.host = hub.host;
      state.hubs[hub.id] = entry;
    }
    if (state.defaultHub === undefined && imported.defaultHub && state.hubs[imported.defaultHub]) {
      state.defaultHub = imported.defaultHub;
    }
  });
  return { email, cloudToken, hubs: imported.hubs.map((hub) => hub.id) };
}

/** A token that lapses within the manager's clock-skew allowance is dropped like an expired one. */
function unlessExpired(error: unknown): undefined {
  if (isTokenwiseError(error, ErrorCodes.TokenExpiredError)) return undefined;
  throw error;
}

function isLive(expiresAt: number | undefined, now: number): boolean {
  return expiresAt === undefined || expiresAt > now;
}
