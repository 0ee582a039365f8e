import { OtpRequiredError } from '@tokenwise/auth-core/vendor';
import { VENDOR } from './constants.js';
import { canPrompt, promptLine } from './prompt.js';

/** What an OTP provider is told when Cozify has just e-mailed a code. */
export interface OtpRequest {
  /** The account the code was sent to. */
  email: string;
  /** Aborts when the login gives up waiting (10 minutes). */
  signal: AbortSignal;
}

/** Returns the one-time code Cozify e-mailed (read a mailbox, ask a person, ...). */
export type OtpProvider = (request: OtpRequest) => Promise<string>;

/**
 * The configured provider, else a terminal prompt when a person is there,
 * else an {@link OtpRequiredError} raised *before* Cozify sends an e-mail
 * nobody will read.
 */
export function resolveOtpProvider(provider: OtpProvider | undefined): OtpProvider {
  if (provider) return provider;
  if (canPrompt()) return ({ signal }) => promptLine('OTP from your email: ', signal);
  throw new OtpRequiredError(
    'Cozify needs a new login with a one-time code sent by e-mail, but no `otp` provider was given and ' +
      'there is no terminal to ask on. Pass `otp: async ({ email }) => code` to new Cozify(...), or run ' +
      'once interactively with the same store so later runs reuse the saved cloud token.',
    { vendor: VENDOR },
  );
}
