import { sleep } from '@tokenwise/auth-core/vendor';
import { SLOW_DOWN_STEP_MS, VENDOR } from './constants.js';
import { type DeviceCodeHandler, deviceCodeOf } from './device-code.js';
import { AuthorizationPendingError, DeviceCodeExpiredError } from './errors.js';
import {
  type OAuthCallContext,
  type OAuthEndpoints,
  pollDeviceToken,
  requestDeviceAuthorization,
} from './oauth-endpoints.js';
import type { TokenResponse } from './schemas.js';

/**
 * The device authorization grant (RFC 8628, tado.md §1.3–1.4): ask for a
 * code, announce it, then poll every `interval` until approval or one of the
 * typed ends: `DeviceCodeExpiredError` (`expired_token` or `expires_in`
 * passed), `DeviceCodeDeniedError` (`access_denied`), `AbortError`.
 */
export async function deviceLogin(
  endpoints: OAuthEndpoints,
  announce: DeviceCodeHandler,
  context: OAuthCallContext,
): Promise<TokenResponse> {
  const authorization = await requestDeviceAuthorization(endpoints, context);
  const code = deviceCodeOf(authorization, context.now());
  await announce(code);
  let intervalMs = code.intervalMs;
  for (;;) {
    if (context.now() >= code.expiresAt) {
      throw new DeviceCodeExpiredError('The tado device code expired before it was approved', {
        vendor: VENDOR,
      });
    }
    await pause(intervalMs, context.signal);
    try {
      return await pollDeviceToken(endpoints, authorization.device_code, context);
    } catch (error) {
      if (!(error instanceof AuthorizationPendingError)) throw error;
      if (error.slowDown) intervalMs += SLOW_DOWN_STEP_MS;
    }
  }
}

// The poll interval is the vendor's protocol, not session scheduling: nothing here renews.
// Even an interval of 0 yields to the event loop, so a poll can never starve it.
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return sleep(Math.max(0, ms), signal);
}
