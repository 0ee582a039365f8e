import { homedir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '@tokenwise/auth-core/vendor';
import { parse } from 'ini';
import { VENDOR } from './constants.js';
import { jwtTextSchema } from './schemas.js';

/** One hub of a python-cozify state file. */
export interface PythonCozifyHub {
  id: string;
  name?: string;
  /** LAN address; absent for a hub only reachable remotely (a bare `host` line). */
  host?: string;
  token?: string;
  remote: boolean;
  autoremote: boolean;
}

/** What a python-cozify state file holds, in this package's terms. */
export interface PythonCozifyState {
  email?: string;
  cloudToken?: string;
  /** `[Cloud] last_refresh` as epoch ms (the file stores local naive time). */
  lastRefresh?: number;
  defaultHub?: string;
  hubs: PythonCozifyHub[];
}

/** python-cozify's state file: `$XDG_CONFIG_HOME/python-cozify/python-cozify.cfg`. */
export function defaultPythonCozifyStatePath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(base, 'python-cozify', 'python-cozify.cfg');
}

/**
 * Parses python-cozify's configparser INI. Option names are lower-cased there
 * (`remotetoken`, `hubname`), booleans are `True`/`False`, and a bare `host`
 * means "no LAN address". Malformed tokens are refused by name, never echoed.
 */
export function parsePythonCozifyState(text: string, source = 'python-cozify state'): PythonCozifyState {
  let raw: Record<string, unknown>;
  try {
    raw = parse(text) as Record<string, unknown>;
  } catch {
    throw new ConfigurationError(`${source} is not an INI file`, { vendor: VENDOR });
  }
  const cloud = section(raw.Cloud);
  const hubsSection = section(raw.Hubs);
  const state: PythonCozifyState = { hubs: [] };
  const email = textValue(cloud.email);
  if (email !== undefined) state.email = email;
  const cloudToken = textValue(cloud.remotetoken);
  if (cloudToken !== undefined) state.cloudToken = token(cloudToken, `${source} [Cloud] remotetoken`);
  const lastRefresh = textValue(cloud.last_refresh);
  if (lastRefresh !== undefined) {
    const at = Date.parse(lastRefresh);
    if (Number.isFinite(at)) state.lastRefresh = at;
  }
  const defaultHub = textValue(hubsSection.default);
  if (defaultHub !== undefined) state.defaultHub = defaultHub;
  for (const [id, value] of Object.entries(hubsSection)) {
    if (typeof value !== 'object' || value === null) continue;
    const hub = section(value);
    const entry: PythonCozifyHub = {
      id,
      remote: flag(hub.remote, false),
      autoremote: flag(hub.autoremote, true),
    };
    const name = textValue(hub.hubname);
    if (name !== undefined) entry.name = name;
    const host = textValue(hub.host);
    if (host !== undefined) entry.host = host;
    const hubToken = textValue(hub.hubtoken);
    if (hubToken !== undefined) entry.token = token(hubToken, `${source} [Hubs.${id}] hubtoken`);
    state.hubs.push(entry);
  }
  return state;
}

function section(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/** A non-empty string value; bare keys (`host` alone) and `None` read as absent. */
function textValue(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' || trimmed === 'None' ? undefined : trimmed;
}

function flag(value: unknown, fallback: boolean): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return fallback;
  const lower = value.trim().toLowerCase();
  if (lower === 'true' || lower === '1' || lower === 'yes') return true;
  if (lower === 'false' || lower === '0' || lower === 'no') return false;
  return fallback;
}

function token(value: string, where: string): string {
  if (!jwtTextSchema.safeParse(value).success) {
    throw new ConfigurationError(`${where} is not a Cozify token (JWT)`, { vendor: VENDOR });
  }
  return value;
}
