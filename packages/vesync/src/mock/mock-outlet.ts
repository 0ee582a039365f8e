import { baseDetail, type DeviceBehaviour, type InnerAnswer, refused } from './mock-device.js';

/**
 * A 15A WiFi outlet (ESW15-USA): switched with the V1 `deviceStatus` call,
 * read with `deviceDetail` in the recorded shape (pyvesync
 * `call_json_outlets.py`); it takes no bypassV2 methods.
 */
export class MockOutlet implements DeviceBehaviour {
  on: boolean;
  /** Energy used today, kWh. */
  energyToday = 0.42;
  readonly #entry: Record<string, unknown>;

  constructor(entry: Record<string, unknown>) {
    this.#entry = entry;
    this.on = entry.deviceStatus === 'on';
  }

  bypassV2(): InnerAnswer {
    return refused;
  }

  detail(): Record<string, unknown> {
    return {
      ...baseDetail(this.#entry, this.on),
      deviceImg: 'https://image.vesync.com/defaultImages/deviceDefaultImages/15aoutletnightlight_240.png',
      activeTime: this.on ? 120 : 0,
      power: this.on ? 23.5 : 0,
      voltage: 120,
      energy: this.energyToday,
      nightLightStatus: 'off',
      nightLightAutomode: 'auto',
      nightLightBrightness: 50,
    };
  }

  v1(method: string, body: Record<string, unknown>): { ok: boolean } | undefined {
    if (method !== 'deviceStatus') return undefined;
    if (body.status !== 'on' && body.status !== 'off') return { ok: false };
    this.on = body.status === 'on';
    return { ok: true };
  }
}
