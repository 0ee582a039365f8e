import { type MockFirmware, type MockTou, RECORDED_FIRMWARES, recordedTou } from './recorded-device-data.js';

/** A device the mock cloud lists for an account. */
export interface MockDevice {
  macAddress: string;
  additionalValue: string;
  deviceType: number;
  deviceName: string;
  homeSeq: number;
  connected: number;
  installType?: string;
  location: { state: string; city: string; address: string; latitude?: number; longitude?: number };
  /** Controller serial `GET /device/tou` names it by (zeroed in the recording). Default `00000000BT00000000`. */
  controllerId?: string;
  /** Manufacturer id of the controller. Default `000000000000000`. */
  manufactureId?: string;
  /** Firmware modules `POST /device/firmware/info` reports. Default the recorded four. */
  firmwares?: readonly MockFirmware[];
  /** The time-of-use plan at start (`PUT /device/tou` replaces it). Default the recorded plan. */
  tou?: MockTou;
}

/** An account of the mock cloud. */
export interface MockAccount {
  password: string;
  firstName?: string;
  lastName?: string;
  devices?: MockDevice[];
}

/** The NWP500 of the demo account (same MAC and additional value as the recorded fixtures). */
export const DEMO_DEVICE: MockDevice = {
  macAddress: 'aabbccddeeff',
  additionalValue: '5322',
  deviceType: 52,
  deviceName: 'NWP500',
  homeSeq: 25004,
  connected: 2,
  installType: 'R',
  location: { state: 'CA', city: 'Walnut Creek', address: '1 Demo Way', latitude: 37.9, longitude: -122.06 },
  controllerId: '00000000BT00000000',
  manufactureId: '000000000000000',
  firmwares: RECORDED_FIRMWARES,
  tou: recordedTou(),
};

/** Accounts the mock cloud knows unless told otherwise. Navien requires passwords of 10+ characters. */
export const DEMO_ACCOUNTS: Readonly<Record<string, MockAccount>> = {
  'demo@example.com': {
    password: 'demo-password-123',
    firstName: 'Demo',
    lastName: 'User',
    devices: [DEMO_DEVICE],
  },
};
