import {
  ApiError,
  AuthenticationError,
  InvalidCredentialsError,
  NotFoundError,
  redactText,
  type Secret,
  TokenRefreshError,
  type TokenwiseError,
  type VendorErrorMapper,
} from '@tokenwise/auth-core/vendor';
import { VENDOR } from './constants.js';
import { errorBodySchema } from './schemas.js';

const vendor = VENDOR;
/** Longest piece of the server's `detail` copied into a message. */
const DETAIL_LIMIT = 120;

/** The secrets a client holds, read at the time of the failure. */
export type SecretSource = () => Iterable<string | Secret | undefined>;

/**
 * A 401, or a 403 whose body is about authentication. DRF answers 403 for a
 * missing token when session auth is listed first, but a 403 is also a
 * genuine "not yours" (`You do not have permission...`), which a new token
 * would not fix.
 */
export function isRejectedSession(status: number, body: unknown): boolean {
  if (status === 401) return true;
  if (status !== 403) return false;
  const parsed = errorBodySchema.safeParse(body);
  return (
    parsed.success &&
    (parsed.data.code === 'token_not_valid' ||
      parsed.data.detail === 'Authentication credentials were not provided.')
  );
}

/** simplejwt's `code` when present; the DRF envelope has none for credential errors. */
function codeOf(body: unknown): string | undefined {
  const parsed = errorBodySchema.safeParse(body);
  return parsed.success ? parsed.data.code : undefined;
}

/**
 * DRF's `detail` text — the only server text copied into a message, never a
 * raw body (an HTML error page is not copied at all). DRF's own strings are
 * fixed, but a proxy or WAF in front may echo the request: secrets are
 * redacted before the text is cut short, so a cut cannot leave a prefix behind.
 */
function detailOf(body: unknown, secrets: SecretSource): string | undefined {
  const parsed = errorBodySchema.safeParse(body);
  if (!parsed.success) return undefined;
  const detail = redactText(parsed.data.detail, secrets()).replace(/\s+/g, ' ').trim();
  return detail.length > DETAIL_LIMIT ? `${detail.slice(0, DETAIL_LIMIT)}…` : detail;
}

/** Names of the fields a DRF 400 complains about: `{ "password": ["This field is required."] }`. */
function fieldsOf(body: unknown): string[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return [];
  return Object.keys(body).filter((key) => Array.isArray((body as Record<string, unknown>)[key]));
}

function badRequest(response: Response, body: unknown, what: string): TokenwiseError {
  const fields = fieldsOf(body);
  const which = fields.length > 0 ? `: invalid or missing ${fields.join(', ')}` : '';
  return new ApiError(`Evrim rejected the ${what}${which}`, {
    status: response.status,
    vendor,
    vendorCode: fields.length > 0 ? 'invalid' : codeOf(body),
  });
}

/** `POST /token/`: 401 means the username or password is wrong (or the account inactive). */
export const mapLoginError: VendorErrorMapper = (response, body) => {
  if (response.status === 401) {
    return new InvalidCredentialsError('Evrim found no active account for that username and password', {
      vendor,
    });
  }
  if (response.status === 400) return badRequest(response, body, 'login request');
  return undefined;
};

/**
 * `POST /token/refresh/`: every 401 (`token_not_valid`: expired, blacklisted or
 * wrong type; `no_active_account` on newer simplejwt) means this refresh token
 * is done, so the manager should fall back to a password login.
 */
export const mapRefreshError: VendorErrorMapper = (response, body) => {
  if (response.status === 401) {
    const code = codeOf(body) ?? 'unauthorized';
    return new TokenRefreshError(`Evrim rejected the refresh token (${code})`, { vendor });
  }
  if (response.status === 400) return badRequest(response, body, 'refresh request');
  return undefined;
};

/** `POST /token/verify/`: a 400 is a programming error; a 401 is an answer, handled by the caller. */
export const mapVerifyError: VendorErrorMapper = (response, body) =>
  response.status === 400 ? badRequest(response, body, 'verify request') : undefined;

/**
 * Data calls. Reached for error responses only after the one automatic
 * retry: a 401/403 then means the fresh session was rejected too. `secrets`
 * (password, tokens) are redacted from the server's `detail`.
 */
export function dataErrorMapper(secrets: SecretSource): VendorErrorMapper {
  return (response, body) => mapData(response, body, secrets);
}

/** {@link dataErrorMapper} for a caller with no secrets at hand. */
export const mapDataError: VendorErrorMapper = dataErrorMapper(() => []);

function mapData(response: Response, body: unknown, secrets: SecretSource): TokenwiseError | undefined {
  if (response.ok) return undefined;
  const path = pathOf(response);
  const detail = detailOf(body, secrets);
  const suffix = detail === undefined ? '' : `: ${detail}`;
  if (isRejectedSession(response.status, body)) {
    return new AuthenticationError(
      `Evrim refused the session for ${path} (HTTP ${response.status}${codeOf(body) ? `, ${codeOf(body)}` : ''})`,
      { vendor },
    );
  }
  if (response.status === 404) {
    return new NotFoundError(`Evrim has nothing at ${path}${suffix}`, { status: 404, vendor });
  }
  if (response.status === 400) return badRequest(response, body, `request to ${path}`);
  // A permission 403 lands here: an ApiError with the server's reason, not an authentication failure.
  if (response.status >= 400 && response.status < 500 && response.status !== 429 && detail !== undefined) {
    return new ApiError(`Evrim answered HTTP ${response.status} to ${path}${suffix}`, {
      status: response.status,
      vendor,
      vendorCode: codeOf(body),
    });
  }
  return undefined;
}

function pathOf(response: Response): string {
  try {
    return new URL(response.url).pathname;
  } catch {
    return 'the requested path';
  }
}
