import { type AuthorizedHttp, type Clock, parseWithSchema } from '@tokenwise/auth-core/vendor';
import type { z } from 'zod';
import { DATA_CALL_HEADERS, PATHS, VENDOR } from './constants.js';
import { innerDeviceError } from './device-codes.js';
import {
  type BypassV2PayloadBody,
  bypassV2Body,
  deviceV1Body,
  type EnvelopeContext,
} from './device-envelope.js';
import type { CheckedDevice } from './device-ref.js';
import { bypassV2ResponseSchema, deviceV1ResponseSchema } from './device-schemas.js';
import type { VeSyncSession } from './schemas.js';

/** What {@link DeviceCalls} takes from the client. */
export interface DeviceCallsContext {
  http: AuthorizedHttp<VeSyncSession>;
  timeZone: string;
  clock: Clock;
  /** The account's country right now (the session's once logged in). */
  countryCode(): string;
  /** The account's region right now. */
  region(): string;
}

/**
 * The two kinds of device call, with their envelopes and result codes:
 * bypassV2 (modern devices: one endpoint, the device method in `payload`) and
 * V1 (`cloud/v1/deviceManaged/<method>`, older devices). Envelope codes are
 * mapped to typed errors by the client's error mapper; a non-zero inner
 * `result.code` of a bypass answer is mapped here.
 */
export class DeviceCalls {
  readonly #context: DeviceCallsContext;

  constructor(context: DeviceCallsContext) {
    this.#context = context;
  }

  /** Sends a bypassV2 payload and resolves the device's inner `result` (unknown until parsed). */
  async bypassV2(
    device: CheckedDevice,
    payload: BypassV2PayloadBody,
    signal?: AbortSignal,
  ): Promise<unknown> {
    const answer = await this.#context.http.json(PATHS.bypassV2, bypassV2ResponseSchema, {
      method: 'POST',
      json: bypassV2Body(device, this.#envelope(), payload),
      headers: { ...DATA_CALL_HEADERS },
      ...(signal ? { signal } : {}),
    });
    const inner = answer.result;
    if (inner.code !== 0) {
      throw innerDeviceError(inner.code, payload.method, device.cid, inner.msg ?? messageOf(inner.result));
    }
    return inner.result;
  }

  /** A bypassV2 call whose inner result is parsed with `schema` (a ResponseShapeError when it does not fit). */
  async bypassV2Parsed<T>(
    device: CheckedDevice,
    payload: BypassV2PayloadBody,
    schema: z.ZodType<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    const result = await this.bypassV2(device, payload, signal);
    return parseWithSchema(schema, result, `result of ${payload.method}`, VENDOR);
  }

  /** Sends a V1 device call to `cloud/v1/deviceManaged/<method>` and resolves its `result`. */
  async v1(
    device: CheckedDevice,
    method: string,
    extra: Record<string, unknown> = {},
    signal?: AbortSignal,
  ): Promise<unknown> {
    const answer = await this.#context.http.json(
      `${PATHS.deviceManagedV1}/${method}`,
      deviceV1ResponseSchema,
      {
        method: 'POST',
        json: deviceV1Body(device, this.#envelope(), method, extra),
        headers: { ...DATA_CALL_HEADERS },
        ...(signal ? { signal } : {}),
      },
    );
    return answer.result;
  }

  #envelope(): EnvelopeContext {
    return {
      timeZone: this.#context.timeZone,
      now: this.#context.clock.now(),
      countryCode: this.#context.countryCode(),
      region: this.#context.region(),
    };
  }
}

function messageOf(result: unknown): string | undefined {
  if (typeof result !== 'object' || result === null) return undefined;
  const msg = (result as { msg?: unknown }).msg;
  // Device texts are fixed strings; cut them short all the same.
  return typeof msg === 'string' && msg.trim() !== '' ? msg.trim().slice(0, 120) : undefined;
}
