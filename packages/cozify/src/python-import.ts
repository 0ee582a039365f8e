import { readFile } from 'node:fs/promises';
import { ConfigurationError } from '@tokenwise/auth-core/vendor';
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
  if (imported.cloudToken !== undefined && !(await account.cloudManager.restore())) {
    const session = importedCloudSession(email, imported.cloudToken, imported.lastRefresh ?? now);
    if (isLive(session.expiresAt, now)) {
      await account.cloudManager.setSession(session);
      cloudToken = true;
    }
  }
  for (const hub of imported.hubs) {
    const manager = account.hub(hub.id).manager;
    if (hub.token === undefined || (await manager.restore())) continue;
    const session = hubSessionFromToken(email, hub.id, hub.token, now, 'imported');
    if (isLive(session.expiresAt, now)) await manager.setSession(session);
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

function isLive(expiresAt: number | undefined, now: number): boolean {
  return expiresAt === undefined || expiresAt > now;
}
