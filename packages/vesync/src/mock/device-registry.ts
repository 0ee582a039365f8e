import { HUMIDIFIER_MODELS, OUTLET_MODELS, PURIFIER_MODELS } from '../device-models.js';
import { mockDevices, type VeSyncMockAccount } from './mock-accounts.js';
import { type DeviceBehaviour, OpaqueDevice } from './mock-device.js';
import { MockHumidifier } from './mock-humidifier.js';
import { MockOutlet } from './mock-outlet.js';
import { MockPurifier } from './mock-purifier.js';

/** One device of the simulated cloud: its list entry (kept in step with its state) and its behaviour. */
export interface MockDevice {
  entry: Record<string, unknown>;
  behaviour: DeviceBehaviour;
  online: boolean;
}

interface AccountDevices {
  list: MockDevice[];
  byCid: Map<string, MockDevice>;
}

function behaviourOf(entry: Record<string, unknown>): DeviceBehaviour {
  const type = String(entry.deviceType);
  const purifier = PURIFIER_MODELS[type];
  if (purifier) return new MockPurifier(entry, purifier);
  const humidifier = HUMIDIFIER_MODELS[type];
  if (humidifier) return new MockHumidifier(entry, humidifier);
  if (OUTLET_MODELS.has(type)) return new MockOutlet(entry);
  return new OpaqueDevice(entry);
}

/** The devices of every account, made on first use and then kept (their state lives as long as the cloud). */
export class DeviceRegistry {
  readonly #accounts = new Map<string, AccountDevices>();

  /** The account's devices, created from {@link mockDevices} on first use. */
  of(account: VeSyncMockAccount): AccountDevices {
    let devices = this.#accounts.get(account.email);
    if (devices === undefined) {
      const list = mockDevices(account).map((entry) => ({
        entry,
        behaviour: behaviourOf(entry),
        online: true,
      }));
      devices = { list, byCid: new Map(list.map((d) => [String(d.entry.cid), d])) };
      this.#accounts.set(account.email, devices);
    }
    return devices;
  }

  /** Device-list entries with `deviceStatus` and `connectionStatus` as the devices are now. */
  entries(account: VeSyncMockAccount): Array<Record<string, unknown>> {
    return this.of(account).list.map((device) => {
      device.entry.deviceStatus = device.behaviour.on ? 'on' : 'off';
      device.entry.connectionStatus = device.online ? 'online' : 'offline';
      return device.entry;
    });
  }

  /** A device of any account by `cid`. */
  find(cid: string): MockDevice | undefined {
    for (const devices of this.#accounts.values()) {
      const device = devices.byCid.get(cid);
      if (device) return device;
    }
    return undefined;
  }
}
