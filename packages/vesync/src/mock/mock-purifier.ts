import type { PurifierModel } from '../device-models.js';
import { MockBypassDevice } from './mock-bypass-device.js';
import { done, type InnerAnswer, refused } from './mock-device.js';

/**
 * A Core series air purifier: the bypassV2 methods pyvesync's
 * `VeSyncAirBypass` sends, answering `getPurifierStatus` in the recorded
 * Core300S shape (pyvesync `call_json_purifiers.py`).
 */
export class MockPurifier extends MockBypassDevice<PurifierModel> {
  level = 1;
  childLock = false;

  constructor(entry: Record<string, unknown>, model: PurifierModel) {
    super(entry, model, { status: 'getPurifierStatus', mode: 'setPurifierMode' });
  }

  protected command(method: string, data: Record<string, unknown>): InnerAnswer {
    switch (method) {
      case 'setLevel':
        if (data.type !== 'wind' || !this.model.fanLevels.includes(data.level as number)) return refused;
        this.level = data.level as number;
        this.mode = 'manual';
        return done();
      case 'setChildLock':
        if (typeof data.child_lock !== 'boolean') return refused;
        this.childLock = data.child_lock;
        return done();
      default:
        return refused;
    }
  }

  protected status(): Record<string, unknown> {
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
