import type { HumidifierModel } from '../device-models.js';
import { MockBypassDevice } from './mock-bypass-device.js';
import { done, type InnerAnswer, refused } from './mock-device.js';

/**
 * A Classic 300S / LV600S humidifier: the bypassV2 methods pyvesync's
 * `VeSyncHumid200300S` sends, answering `getHumidifierStatus` in the
 * recorded LUH-A602S-WUS shape (pyvesync `call_json_humidifiers.py`).
 */
export class MockHumidifier extends MockBypassDevice<HumidifierModel> {
  mistLevel = 3;
  targetHumidity = 60;
  humidity = 45;

  constructor(entry: Record<string, unknown>, model: HumidifierModel) {
    super(entry, model, { status: 'getHumidifierStatus', mode: 'setHumidityMode' });
  }

  protected command(method: string, data: Record<string, unknown>): InnerAnswer {
    switch (method) {
      case 'setVirtualLevel':
        if (data.type !== 'mist' || !this.model.mistLevels.includes(data.level as number)) return refused;
        this.mistLevel = data.level as number;
        return done();
      case 'setTargetHumidity': {
        const target = data.target_humidity;
        const { min, max } = this.model.targetHumidity;
        if (typeof target !== 'number' || !Number.isInteger(target) || target < min || target > max)
          return refused;
        this.targetHumidity = target;
        return done();
      }
      default:
        return refused;
    }
  }

  protected status(): Record<string, unknown> {
    return {
      enabled: this.on,
      humidity: this.humidity,
      mist_virtual_level: this.mistLevel,
      // The real device reports its physical level, which lags the set one; here it follows at once.
      mist_level: this.on ? this.mistLevel : 0,
      mode: this.mode,
      water_lacks: false,
      humidity_high: this.humidity > this.targetHumidity,
      water_tank_lifted: false,
      display: this.display,
      automatic_stop_reach_target: false,
      night_light_brightness: 0,
      warm_mist_level: 0,
      warm_mist_enabled: false,
      configuration: {
        auto_target_humidity: this.targetHumidity,
        display: this.display,
        automatic_stop: true,
      },
    };
  }
}
