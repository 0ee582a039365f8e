import { type FileStore, type Secret, toSecret } from '@tokenwise/auth-core/vendor';
import { type CliIo, isInteractive } from '../cli-io.js';
import { formatRelative } from '../format-duration.js';
import { LoginFailedError } from '../login-failed-error.js';
import {
  deleteLoginHost,
  describeHost,
  type LoginHost,
  readLoginHost,
  writeLoginHost,
} from '../login-hosts.js';
import { clackPrompter, type Prompter } from '../prompts.js';
import { storedSessionState } from '../session-renewal.js';
import { StdinLines } from '../stdin-lines.js';
import { belongsToAccount, listSessions, openStore, type StoredSessionInfo } from '../stored-sessions.js';
import { UsageError } from '../usage-error.js';
import { findVendor } from '../vendors/find-vendor.js';
import type { VendorAdapter, VendorLoginRequest } from '../vendors/vendor-adapter.js';

/** Options of `tokenwise login <vendor>`. */
export interface LoginOptions {
  vendor: string | undefined;
  username?: string | undefined;
  /** Read the password from the first line of stdin. */
  passwordStdin?: boolean | undefined;
  /** Read Cozify's e-mailed code from the next line of stdin, once it has been sent. */
  otpStdin?: boolean | undefined;
  country?: string | undefined;
  url?: string | undefined;
  hubPort?: string | undefined;
  store?: string | undefined;
}

/**
 * Countries offered by the VeSync prompt, with the host VeSync's app tries
 * first for them (the server's answer wins); anything else can be typed.
 */
const COUNTRIES = [
  { value: 'US', label: 'United States (US host)' },
  { value: 'CA', label: 'Canada (US host)' },
  { value: 'MX', label: 'Mexico (US host)' },
  { value: 'JP', label: 'Japan (US host)' },
  { value: 'GB', label: 'United Kingdom (EU host)' },
  { value: 'DE', label: 'Germany (EU host)' },
  { value: 'FR', label: 'France (EU host)' },
  { value: 'NL', label: 'Netherlands (EU host)' },
  { value: 'ES', label: 'Spain (EU host)' },
  { value: 'IT', label: 'Italy (EU host)' },
  { value: 'other', label: 'Other… (type the code)' },
] as const;

const COUNTRY_CODE = /^[A-Za-z]{2}$/;

/** Loose on purpose: the vendor is the judge; this catches a password typed into the e-mail field. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * `tokenwise login <vendor>`: asks for the account first, then looks in the
 * store. A stored session that is still valid (or renews itself without a
 * password) for the same host is reused and said to be, before anything
 * secret is asked: logging in again would only spend the vendor's login
 * quota. Otherwise it asks for (or reads) what the vendor needs and logs in
 * through the vendor's own client with a FileStore, so scripts using that
 * client and store reuse the session. It ends by naming the host used and
 * the store.
 */
export async function loginCommand(io: CliIo, options: LoginOptions): Promise<number> {
  const vendor = findVendor(options.vendor, 'login');
  checkFlagsApply(vendor, options);
  const hubPort = parseHubPort(options.hubPort);
  const prompter = isInteractive(io) ? await clackPrompter(io) : undefined;
  const lines = options.passwordStdin || options.otpStdin ? new StdinLines(io.stdin) : undefined;
  const say = (message: string) => (prompter ? prompter.note(message) : io.stderr.write(`${message}\n`));
  try {
    const username = await askUsername(io, vendor, options, prompter);
    const store = openStore(options.store);
    const targets = await vendor.hosts(options.url, store, username);
    const reuse = await storedSessionToReuse(store, vendor, username, targets, say);
    const before = reuse?.session;

    let spinner: ReturnType<Prompter['spin']> | undefined;
    const otp = otpSource(io, vendor, options, prompter, lines, {
      pause: () => spinner?.stop(`${vendor.displayName} has e-mailed a code to ${username}`),
      resume: () => {
        spinner = prompter?.spin(`Logging in to ${vendor.displayName}`);
      },
    });
    const request = (password: Secret | undefined, country: string | undefined): VendorLoginRequest => ({
      username,
      password,
      country,
      url: options.url,
      hubPort,
      store,
      otp,
      onDeviceCode:
        vendor.defaultUsername !== undefined
          ? (code) => {
              spinner?.stop(`Approve this login in a browser`);
              // On stderr: a person reads it, a script watching it can open the link; stdout stays clean.
              io.stderr.write(
                `Open ${code.verificationUriComplete}\nand confirm the code ${code.userCode} (expires ${formatRelative(code.expiresAt, Date.now())})\n`,
              );
              spinner = prompter?.spin(`Waiting for the approval (${vendor.displayName})`);
            }
          : undefined,
    });
    const attempt = async (password: Secret | undefined, country: string | undefined) => {
      spinner = prompter?.spin(`Logging in to ${vendor.displayName}`);
      try {
        return await vendor.login(request(password, country));
      } catch (error) {
        spinner?.error(`${vendor.displayName} login failed`);
        throw error instanceof UsageError ? error : new LoginFailedError(vendor, error);
      }
    };

    let result: { account: string; host: string } | undefined;
    let reusedWithoutPassword = false;
    if (reuse?.mode === 'as-is') {
      // Valid as it is, and this vendor's client cannot be built without the password: nothing to call.
      result = { account: username, host: reuse.host ?? targets[0] ?? '' };
    } else if (reuse?.mode === 'renew') {
      try {
        result = await attempt(undefined, undefined);
        reusedWithoutPassword = true;
      } catch (error) {
        if (error instanceof UsageError) throw error;
        // Renewing without a password was refused: a login is what is left, as if nothing was stored.
        say(`The stored session could not be renewed (${reasonOf(error)}); logging in again`);
      }
    }
    if (result === undefined) {
      const country = vendor.needsCountry ? await askCountry(io, options, prompter) : undefined;
      const password = vendor.needsPassword
        ? await askPassword(io, vendor, options, prompter, lines)
        : undefined;
      const replaced = reuse?.replaced;
      // The other host's session leaves the store only now (the client would reuse it), and comes
      // back if this login fails: a failed login must not cost the user the session they had.
      if (replaced !== undefined) {
        await store.delete(replaced.key);
        await deleteLoginHost(store, replaced.key);
      }
      try {
        result = await attempt(password, country);
      } catch (error) {
        if (replaced !== undefined) {
          await store.set(replaced.key, replaced.value);
          await writeLoginHost(store, replaced.key, replaced.host.host, replaced.host.at);
          say(`The session logged in at ${replaced.host.host} is kept`);
        }
        throw error;
      }
    }
    const { account, host } = result;
    const now = Date.now();
    const after = findSession(await listSessions(store, now), vendor, account);
    if (after) await writeLoginHost(store, after.key, host, now);
    const reused = before !== undefined && after !== undefined && before.issuedAt === after.issuedAt;
    const expires =
      after?.expiresAt === undefined ? undefined : `expires ${formatRelative(after.expiresAt, now)}`;
    const summary = reused
      ? `Already logged in to ${vendor.displayName} as ${account} (${['stored session reused', expires].filter(Boolean).join(', ')})`
      : reusedWithoutPassword
        ? `Renewed the stored ${vendor.displayName} session of ${account} without a password${expires ? ` (${expires})` : ''}`
        : `Logged in to ${vendor.displayName} as ${account}${expires ? `, ${expires}` : ''}`;
    // The full lines go to stdout (a script may keep them); the spinner only closes its step.
    spinner?.stop('Done');
    io.stdout.write(
      `${summary}\nHost: ${host} (${describeHost(host, vendor.displayName)})\nSession stored in ${store.path}\n`,
    );
    return 0;
  } finally {
    lines?.close();
  }
}

/**
 * The stored session a login may reuse, said out loud before anything secret
 * is asked. A session logged in at another host (the sandbox instead of the
 * real cloud, or the reverse) is replaced instead — the store holds one
 * session per account, and reusing it would silently talk to the wrong host —
 * but only once the new login is about to run, and put back if it fails.
 */
async function storedSessionToReuse(
  store: FileStore,
  vendor: VendorAdapter,
  username: string,
  targets: readonly string[],
  say: (message: string) => void,
): Promise<
  | {
      session: StoredSessionInfo;
      mode: 'as-is' | 'renew' | 'login';
      host: string | undefined;
      /** A session of another host, to be replaced by this login (and restored if it fails). */
      replaced?: { key: string; value: unknown; host: LoginHost };
    }
  | undefined
> {
  const now = Date.now();
  const session = findSession(await listSessions(store, now), vendor, username);
  if (session === undefined) return undefined;
  const recorded = await readLoginHost(store, session.key);
  if (recorded !== undefined && !targets.includes(recorded.host)) {
    say(
      `The stored session for ${session.account} was logged in at ${recorded.host} (${describeHost(recorded.host, vendor.displayName)}), not ${targets[0] ?? 'this host'}: logging in again (it is replaced only if this login succeeds)`,
    );
    const value = await store.get(session.key);
    return { session, mode: 'login', host: undefined, replaced: { key: session.key, value, host: recorded } };
  }
  const renewal = vendor.renewal(session);
  const state = storedSessionState(session, renewal, now);
  const host = recorded?.host;
  if (state === undefined) return { session, mode: 'login', host };
  if (state === 'valid') {
    say(`A stored session for ${username} is still valid; reusing it`);
    // The client checks it (and renews it if it is due); a client that needs a password is not built.
    return { session, mode: vendor.renewsWithoutPassword ? 'renew' : 'as-is', host };
  }
  if (vendor.renewsWithoutPassword) {
    say(`A stored session for ${username} can still renew itself (${renewal.note}); reusing it`);
    return { session, mode: 'renew', host };
  }
  // evohome: the refresh grant renews it, but the client takes the password in case it is refused.
  say(
    `A stored session for ${username} can still renew itself; ${vendor.displayName}'s client needs the password anyway, and sends it only if the renewal is refused`,
  );
  return { session, mode: 'login', host };
}

/** The first line of an error's message, for a notice (tokenwise messages hold no secrets). */
function reasonOf(error: unknown): string {
  const cause = error instanceof LoginFailedError ? error.cause : error;
  const message = cause instanceof Error ? cause.message : String(cause);
  return message.split('\n')[0] ?? message;
}

function checkFlagsApply(vendor: VendorAdapter, options: LoginOptions): void {
  if (!vendor.needsPassword && options.passwordStdin) {
    throw new UsageError(`${vendor.id} logs in with an e-mailed code, not a password: use --otp-stdin`);
  }
  if (!vendor.needsOtp && options.otpStdin) throw new UsageError(`--otp-stdin only applies to cozify`);
  if (!vendor.needsCountry && options.country !== undefined)
    throw new UsageError('--country only applies to vesync');
  if (vendor.id !== 'cozify' && options.hubPort !== undefined)
    throw new UsageError('--hub-port only applies to cozify');
}

function parseHubPort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    throw new UsageError(`--hub-port must be a port number`);
  return port;
}

async function askUsername(
  io: CliIo,
  vendor: VendorAdapter,
  options: LoginOptions,
  prompter: Prompter | undefined,
): Promise<string> {
  const given = options.username ?? nonEmpty(io.env.TOKENWISE_USERNAME);
  if (given !== undefined) return given.trim();
  // Nothing to ask: the session is stored under the label the vendor client looks for by default.
  if (vendor.defaultUsername !== undefined) return vendor.defaultUsername;
  if (prompter) {
    return prompter.text(`${vendor.displayName} ${vendor.usernameLabel}`, {
      ...(vendor.usernameLabel === 'e-mail'
        ? {
            placeholder: 'you@example.com',
            check: (value: string) =>
              EMAIL.test(value) ? undefined : 'That is not an e-mail address (name@example.com)',
          }
        : {}),
    });
  }
  throw new UsageError(`login ${vendor.id} needs --username (or TOKENWISE_USERNAME) when not on a terminal`);
}

async function askPassword(
  io: CliIo,
  vendor: VendorAdapter,
  options: LoginOptions,
  prompter: Prompter | undefined,
  lines: StdinLines | undefined,
): Promise<Secret> {
  if (options.passwordStdin && lines) {
    const line = await lines.next('password');
    if (line === '') throw new UsageError('the password read from stdin is empty');
    return toSecret(line);
  }
  const fromEnv = nonEmpty(io.env.TOKENWISE_PASSWORD);
  if (fromEnv !== undefined) return toSecret(fromEnv);
  if (prompter) return toSecret(await prompter.password(`${vendor.displayName} password`));
  throw new UsageError(
    `login ${vendor.id} needs the password: pipe it with --password-stdin (or set TOKENWISE_PASSWORD)`,
  );
}

async function askCountry(
  io: CliIo,
  options: LoginOptions,
  prompter: Prompter | undefined,
): Promise<string | undefined> {
  let country = options.country ?? nonEmpty(io.env.TOKENWISE_VESYNC_COUNTRY);
  if (country === undefined && prompter) {
    country = await prompter.select('Country of the VeSync account', COUNTRIES);
    if (country === 'other') {
      country = await prompter.text('Country code (ISO 3166 alpha-2)', {
        placeholder: 'AU',
        check: (value) => (COUNTRY_CODE.test(value) ? undefined : 'Two letters, such as AU or SE'),
      });
    }
  }
  if (country !== undefined && !COUNTRY_CODE.test(country)) {
    throw new UsageError(`--country must be a two-letter country code such as US or DE, not '${country}'`);
  }
  return country?.toUpperCase();
}

function otpSource(
  io: CliIo,
  vendor: VendorAdapter,
  options: LoginOptions,
  prompter: Prompter | undefined,
  lines: StdinLines | undefined,
  spinner: { pause(): void; resume(): void },
): ((email: string) => Promise<string>) | undefined {
  if (!vendor.needsOtp) return undefined;
  if (options.otpStdin && lines) {
    return async (email) => {
      // On stderr: a script watching for it knows the code has been sent and can write it now.
      io.stderr.write(`${vendor.displayName} has e-mailed a code to ${email}; reading it from stdin\n`);
      return (await lines.next('one-time code')).trim();
    };
  }
  if (!prompter) return undefined;
  return async (email) => {
    spinner.pause();
    const code = await prompter.text(`Code ${vendor.displayName} e-mailed to ${email}`);
    spinner.resume();
    return code;
  };
}

function findSession(
  sessions: readonly StoredSessionInfo[],
  vendor: VendorAdapter,
  account: string,
): StoredSessionInfo | undefined {
  // Sorted by key, so a vendor's main session comes before derived ones (Cozify's hub keys).
  return sessions.find((s) => s.vendor === vendor.id && belongsToAccount(s, account));
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
