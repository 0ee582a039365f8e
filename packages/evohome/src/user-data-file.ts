import { readFile } from 'node:fs/promises';
import {
  ConfigurationError,
  checkStringOption,
  type OptionKeys,
  StoreError,
  type TokenwiseError,
} from '@tokenwise/auth-core/vendor';
import writeFileAtomic from 'write-file-atomic';
import { VENDOR } from './constants.js';
import { type EvohomeUserData, parseUserData } from './user-data.js';

/** Why {@link EvohomeClient.loadUserData} returned nothing. */
export interface UserDataFileProblem {
  /** `missing`: no file yet (normal on a first run); `unreadable`: I/O error; `corrupt`: not a user_data file. */
  reason: 'missing' | 'unreadable' | 'corrupt';
  /** The file in question. */
  path: string;
  /** A typed, secret-free description. */
  error: TokenwiseError;
}

/** Options of {@link EvohomeClient.loadUserData}. */
export interface ReadUserDataOptions {
  /** Called when the file cannot be used, with the reason. */
  onProblem?: ((problem: UserDataFileProblem) => void) | undefined;
}

/** Every option of {@link ReadUserDataOptions}, kept in step with it by the compiler. */
export const READ_USER_DATA_OPTION_KEYS = {
  onProblem: true,
} as const satisfies OptionKeys<ReadUserDataOptions>;

/**
 * Checks the `path` argument of `EvohomeClient.<method>(path)`: required, and
 * a non-empty string, so a missing path is a `ConfigurationError` naming it
 * rather than a write to a file called "undefined".
 */
export function checkUserDataPath(path: unknown, method: string): string {
  const name = `EvohomeClient.${method}(path): \`path\``;
  const checked = checkStringOption(path, name, VENDOR);
  if (checked === undefined) {
    throw new ConfigurationError(`${name} must be a non-empty string, got undefined`, { vendor: VENDOR });
  }
  return checked;
}

/**
 * Reads a saved `user_data` file. A missing, unreadable or corrupt file
 * gives `undefined` (the client then logs in), reported through `onProblem`.
 */
export async function readUserDataFile(
  path: string,
  options: ReadUserDataOptions = {},
): Promise<EvohomeUserData | undefined> {
  const report = (reason: UserDataFileProblem['reason'], message: string) => {
    options.onProblem?.({ reason, path, error: new StoreError(message, { vendor: VENDOR }) });
    return undefined;
  };
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    if (code === 'ENOENT') return report('missing', `No evohome user_data file at ${path} yet`);
    return report('unreadable', `Could not read the evohome user_data file ${path} (${code})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return report('corrupt', `The evohome user_data file ${path} is not JSON`);
  }
  const parsed = parseUserData(json);
  if ('problem' in parsed) {
    return report(
      'corrupt',
      `The evohome user_data file ${path} is not a user_data object (${parsed.problem})`,
    );
  }
  return parsed.data;
}

/**
 * Writes `user_data` as the Python library does (plain JSON), but atomically
 * and with mode 0600: it holds a live session id and personal data.
 */
export async function writeUserDataFile(path: string, data: EvohomeUserData): Promise<void> {
  try {
    await writeFileAtomic(path, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new StoreError(`Could not write the evohome user_data file ${path} (${code})`, { vendor: VENDOR });
  }
}
