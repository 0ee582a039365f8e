import { createHash, randomBytes } from 'node:crypto';
import { hostname, networkInterfaces } from 'node:os';
import { decodeJwtClaims } from '@tokenwise/auth-core/vendor';
import { regionForCountry, type VeSyncRegion } from './region.js';
import { terminalIdSchema, type VeSyncSession } from './schemas.js';

/** A new terminal id: `"2"` + 32 random hex digits, the shape the VeSync app uses. */
export function newTerminalId(): string {
  return `2${randomBytes(16).toString('hex')}`;
}

/**
 * A terminal id that is the same on every run on this machine for this
 * account, like pyvesync 3.x's MAC-and-hostname id: a program run without a
 * persistent store (the default MemoryStore) must not look like a new device
 * to VeSync on every start. The account is mixed in so two accounts on one
 * machine are not linked by a shared id; only a hash leaves the machine.
 */
export function machineTerminalId(account: string): string {
  const macs = Object.entries(networkInterfaces())
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([, addresses]) => addresses ?? [])
    .filter((address) => !address.internal && address.mac !== '00:00:00:00:00:00')
    .map((address) => address.mac);
  const seed = ['tokenwise-vesync-terminal', macs[0] ?? '', hostname(), account].join('\0');
  return `2${createHash('sha256').update(seed, 'utf8').digest('hex').slice(0, 32)}`;
}

/** The `terminalId` claim VeSync puts in its JWTs, when the token has a valid one. */
export function terminalIdOfToken(token: string): string | undefined {
  const claimed = decodeJwtClaims(token)?.terminalId;
  return terminalIdSchema.safeParse(claimed).success ? (claimed as string) : undefined;
}

/**
 * What one client knows about its account's identity when there is no
 * session to ask: the terminal id (a new one makes VeSync e-mail the user
 * about a "new login") and where the account really lives (the server's
 * `currentRegion` beats the country-code guess).
 *
 * A login prefers the session it replaces (`AuthContext.previous`, which
 * core reads from the shared store, so other processes' ids are reused);
 * this fills the gaps: the very first login, and a token the user handed
 * over whose `terminalId` claim should be kept.
 */
export class TerminalIdentity {
  #terminalId: string | undefined;
  #region: VeSyncRegion | undefined;
  #countryCode: string;
  readonly #account: string | undefined;

  /**
   * @param countryCode the configured country (first region guess)
   * @param account the normalised account e-mail: with it the default id is
   *   `machineTerminalId()` (stable across runs), without it a random one
   */
  constructor(countryCode: string, account?: string) {
    this.#countryCode = countryCode;
    this.#account = account;
  }

  /** Remembers what a session says about the account. */
  observe(session: Pick<VeSyncSession, 'terminalId' | 'region' | 'countryCode'>): void {
    this.#terminalId = session.terminalId;
    this.#region = session.region;
    this.#countryCode = session.countryCode;
  }

  /** Takes a terminal id (from a token the user handed over) unless one is already known. */
  offer(terminalId: string | undefined): void {
    this.#terminalId ??= terminalId;
  }

  /** The account's terminal id; derived (or generated) on first use and then kept. */
  terminalId(): string {
    this.#terminalId ??= this.#account === undefined ? newTerminalId() : machineTerminalId(this.#account);
    return this.#terminalId;
  }

  /** The region to try first: the last one VeSync confirmed, else the guess from the country. */
  get region(): VeSyncRegion {
    return this.#region ?? regionForCountry(this.#countryCode);
  }

  /** The account's country: the server's answer once known, else the configured one. */
  get countryCode(): string {
    return this.#countryCode;
  }
}
