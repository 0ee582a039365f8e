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
