import { mkdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ConfigurationError, StoreError } from '@tokenwise/auth-core/vendor';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { VENDOR } from './constants.js';
import { isRegion, regionForCountry, type VeSyncRegion } from './region.js';

/** The credentials pyvesync reads and writes: enough to call VeSync without logging in. */
export interface VeSyncCredentials {
  token: string;
  accountId: string;
  /** ISO 3166 alpha-2, upper case. */
  countryCode: string;
  region: VeSyncRegion;
}

/**
 * The credential JSON as pyvesync knows it. pyvesync 3.4.1 loads
 * `current_region` while its docs name `region`, so both are written.
 */
export interface PyvesyncCredentialsJson {
  token: string;
  account_id: string;
  country_code: string;
  region: VeSyncRegion;
  current_region: VeSyncRegion;
}

/** pyvesync's default file name, in the home folder. */
export const CREDENTIAL_FILE_NAME = '.vesync_auth';

/** Where `saveCredentials()` writes when given no path: `~/.vesync_auth`. */
export function defaultCredentialPath(): string {
  return join(homedir(), CREDENTIAL_FILE_NAME);
}

/** Where `loadCredentialsFromFile()` looks when given no path, in pyvesync's order. */
export function defaultCredentialSearchPaths(): string[] {
  return [defaultCredentialPath(), resolve(CREDENTIAL_FILE_NAME)];
}

const regionField = z
  .string()
  .transform((value) => value.trim().toUpperCase())
  .refine(isRegion, 'must be "US" or "EU"');

const fileSchema = z.object({
  token: z.string().min(1),
  // pyvesync writes a string; hand-written files sometimes have the number.
  account_id: z.union([z.string().min(1), z.number().int()]).transform(String),
  country_code: z
    .string()
    .transform((value) => value.trim().toUpperCase())
    .refine((value) => /^[A-Z]{2}$/.test(value), 'must be a two-letter country code'),
  region: regionField.optional(),
  current_region: regionField.optional(),
});

/**
 * Parses pyvesync's credential JSON. Files without a region (what pyvesync's
 * own `save_credentials` writes) get the region guessed from the country
 * code. Errors name the source and the bad keys (as the caller spelled them:
 * `keyNames` renames the file's keys), never the values.
 */
export function parseCredentials(
  value: unknown,
  source: string,
  keyNames: Readonly<Record<string, string>> = {},
): VeSyncCredentials {
  const parsed = fileSchema.safeParse(value);
  if (!parsed.success) {
    const named = (key: string) => keyNames[key] ?? key;
    const keys = [...new Set(parsed.error.issues.map((issue) => named(issue.path.join('.')) || '(root)'))];
    const needed = ['token', 'account_id', 'country_code'].map(named).join(', ');
    throw new ConfigurationError(
      `Invalid VeSync credentials in ${source}: bad or missing ${keys.join(', ')} (needs ${needed})`,
      { vendor: VENDOR },
    );
  }
  const data = parsed.data;
  const region = (data.region ?? data.current_region) as VeSyncRegion | undefined;
  return {
    token: data.token,
    accountId: data.account_id,
    countryCode: data.country_code,
    region: region ?? regionForCountry(data.country_code),
  };
}

/** True when the file named a region (so a region guess is not needed). */
export function credentialsNameRegion(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.region === 'string' || typeof record.current_region === 'string';
}

/** Reads a credential file. A missing or malformed file is a ConfigurationError naming the path. */
export async function readCredentialFile(
  path: string,
): Promise<{ credentials: VeSyncCredentials; raw: unknown }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigurationError(`Cannot read the VeSync credential file ${path} (${code})`, {
      vendor: VENDOR,
    });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ConfigurationError(`The VeSync credential file ${path} is not JSON`, { vendor: VENDOR });
  }
  return { credentials: parseCredentials(raw, `the file ${path}`), raw };
}

/** The pyvesync-compatible JSON of some credentials. */
export function toPyvesyncJson(credentials: VeSyncCredentials): PyvesyncCredentialsJson {
  return {
    token: credentials.token,
    account_id: credentials.accountId,
    country_code: credentials.countryCode,
    region: credentials.region,
    current_region: credentials.region,
  };
}

/**
 * Writes the credentials for pyvesync and for us: mode 0600 (the token is a
 * 30-day key to the account), atomically (a crash never leaves half a file).
 */
export async function writeCredentialFile(path: string, credentials: VeSyncCredentials): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    await writeFileAtomic(path, `${JSON.stringify(toPyvesyncJson(credentials))}\n`, { mode: 0o600 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'write failed';
    throw new StoreError(`Cannot write the VeSync credential file ${path} (${code})`, { vendor: VENDOR });
  }
}
