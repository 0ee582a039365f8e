/**
 * The credentials a simulator issued and still honours: issue, look up
 * (unknown, revoked and expired ones read as `undefined`), revoke one or all.
 */
export class MockTokens<T = true> {
  readonly #issued = new Map<string, { data: T; expiresAt: number | undefined }>();

  /** Records `token` (with what the simulator needs to know about it) and returns it. */
  issue(token: string, data: T, expiresAt?: number): string {
    this.#issued.set(token, { data, expiresAt });
    return token;
  }

  /** What `token` was issued with, or `undefined` when it is unknown, revoked, or expired at `now`. */
  lookup(token: string | null | undefined, now?: number): T | undefined {
    if (token === undefined || token === null) return undefined;
    const entry = this.#issued.get(token);
    if (entry === undefined) return undefined;
    if (now !== undefined && entry.expiresAt !== undefined && now >= entry.expiresAt) return undefined;
    return entry.data;
  }

  /** Stops honouring `token`; returns whether it was honoured. */
  revoke(token: string): boolean {
    return this.#issued.delete(token);
  }

  /** Stops honouring every token issued so far. */
  revokeAll(): void {
    this.#issued.clear();
  }

  /** How many tokens are honoured. */
  get size(): number {
    return this.#issued.size;
  }
}
