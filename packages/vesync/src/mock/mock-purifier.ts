import type { PurifierModel } from '../device-models.js';
import { baseDetail, type DeviceBehaviour, done, type InnerAnswer, refused } from './mock-device.js';

/**
 * A Core series air purifier: the bypassV2 methods pyvesync's
 * `VeSyncAirBypass` sends, answering `getPurifierStatus` in the recorded
 * Core300S shape (pyvesync `call_json_purifiers.py`).
 */
export class MockPurifier implements DeviceBehaviour {
  on: boolean;
  mode = 'manual';
  level = 1;
  childLock = false;
  display = true;
  readonly #entry: Record<string, unknown>;
  readonly #model: PurifierModel;

  constructor(entry: Record<string, unknown>, model: PurifierModel) {
    this.#entry = entry;
    this.#model = model;
    this.on = entry.deviceStatus === 'on';
  }

  bypassV2(method: string, data: Record<string, unknown>): InnerAnswer {
    switch (method) {
      case 'getPurifierStatus':
        return { code: 0, result: this.#status() };
      case 'setSwitch':
        if (typeof data.enabled !== 'boolean') return refused;
        this.on = data.enabled;
        return done();
      case 'setLevel':
        if (data.type !== 'wind' || !this.#model.fanLevels.includes(data.level as number)) return refused;
        this.level = data.level as number;
        this.mode = 'manual';
        return done();
      case 'setPurifierMode':
        if (!this.#model.modes.includes(data.mode as never)) return refused;
        this.mode = data.mode as string;
        return done();
      case 'setChildLock':
        if (typeof data.child_lock !== 'boolean') return refused;
        this.childLock = data.child_lock;
        return done();
      case 'setDisplay':
        if (typeof data.state !== 'boolean') return refused;
        this.display = data.state;
        return done();
      default:
        return refused;
    }
  }

  detail(): Record<string, unknown> {
    return baseDetail(this.#entry, this.on);
  }

  v1(): undefined {
    return undefined;
  }

  #status(): Record<string, unknown> {
    return {
      enabled: this.on,
      filter_life: 80,
      mode: this.mode,
      level: this.level,
      air_quality: 1,
      air_quality_value: 3,
      display: this.display,
      child_lock: this.childLock,
      configuration: {
        display: this.display,
        display_forever: true,
        auto_preference: { type: 'default', room_size: 0 },
      },
      extension: { schedule_count: 0, timer_remain: 0 },
      device_error_code: 0,
    };
  }
}
