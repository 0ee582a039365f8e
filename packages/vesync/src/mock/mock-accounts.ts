import type { VeSyncRegion } from '../region.js';

/** One account of the simulated VeSync cloud. */
export interface VeSyncMockAccount {
  email: string;
  password: string;
  /** VeSync's numeric account id, as a string. */
  accountId: string;
  /** The account's country (ISO alpha-2). */
  countryCode: string;
  /** The host the account lives on: the server's `currentRegion`. */
  region: VeSyncRegion;
  /** Step 1 answers "2FA required" (`-11257129`). */
  twoFactor?: boolean;
  /** How many devices the device list reports. Default 2. */
  deviceCount?: number;
}

/**
 * Accounts of the default mock cloud: one per situation worth trying.
 * Passwords are demo values, never real ones.
 */
export const DEMO_ACCOUNTS: readonly VeSyncMockAccount[] = [
  {
    email: 'demo@example.com',
    password: 'demo-password',
    accountId: '1184512',
    countryCode: 'US',
    region: 'US',
    deviceCount: 3,
  },
  {
    email: 'eu-demo@example.com',
    password: 'eu-demo-password',
    accountId: '2284513',
    countryCode: 'FR',
    region: 'EU',
    deviceCount: 2,
  },
  // An old German account that lives on the US host (pyvesync issue #371).
  {
    email: 'altkunde@example.de',
    password: 'altkunde-password',
    accountId: '3384514',
    countryCode: 'DE',
    region: 'US',
    deviceCount: 1,
  },
  {
    email: 'mfa@example.com',
    password: 'mfa-password',
    accountId: '4484515',
    countryCode: 'US',
    region: 'US',
    twoFactor: true,
  },
  // Enough devices for three pages of 100.
  {
    email: 'many-devices@example.com',
    password: 'many-devices-password',
    accountId: '5584516',
    countryCode: 'CA',
    region: 'US',
    deviceCount: 250,
  },
];

const MODELS = [
  {
    deviceType: 'Core300S',
    type: 'wifi-air',
    configModule: 'WiFiBTOnboardingNotify_AirPurifier_Core300S_US',
  },
  { deviceType: 'LUH-A602S-WUS', type: 'wifi-air', configModule: 'WFON_AHM_LUH-A602S-WUS_US' },
  { deviceType: 'ESW15-USA', type: 'wifi-switch', configModule: '15AOutletNightlight' },
] as const;

/** The device list entries of an account, shaped like the real list. */
export function mockDevices(account: VeSyncMockAccount): Array<Record<string, unknown>> {
  const count = account.deviceCount ?? 2;
  return Array.from({ length: count }, (_, index) => {
    const model = MODELS[index % MODELS.length] ?? MODELS[0];
    const n = index + 1;
    return {
      deviceRegion: account.region,
      isOwner: true,
      authKey: null,
      deviceName: `${model.deviceType} ${n}`,
      deviceImg: '',
      cid: `vsaq${account.accountId}${String(n).padStart(4, '0')}`,
      uuid: `00000000-0000-4000-8000-${account.accountId.padStart(8, '0')}${String(n).padStart(4, '0')}`,
      macID: null,
      deviceStatus: n % 2 === 0 ? 'off' : 'on',
      connectionStatus: 'online',
      connectionType: 'WiFi+BTOnboarding+BTNotify',
      deviceType: model.deviceType,
      type: model.type,
      configModule: model.configModule,
      currentFirmVersion: '1.0.07',
      mode: null,
      speed: null,
      extension: null,
      subDeviceNo: null,
      subDeviceType: null,
      deviceProp: null,
    };
  });
}
