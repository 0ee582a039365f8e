/**
 * The models the typed helpers drive, with what each accepts (pyvesync
 * 3.4.1's `device_map.py`). Any other model stays usable through
 * `bypassV2()` and `request()`.
 */

/** The modes a purifier of the Core series can be put in. */
export type PurifierMode = 'manual' | 'auto' | 'sleep';

/** The modes a humidifier of the Classic / LV600S series can be put in. */
export type HumidifierMode = 'manual' | 'auto' | 'sleep';

/** What one purifier model accepts. */
export interface PurifierModel {
  /** Fan levels, lowest first. */
  fanLevels: readonly number[];
  modes: readonly PurifierMode[];
}

/** What one humidifier model accepts. */
export interface HumidifierModel {
  mistLevels: readonly number[];
  modes: readonly HumidifierMode[];
  /** Target humidity range in %, inclusive. */
  targetHumidity: { min: number; max: number };
}

const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

const core = (maxLevel: number, modes: readonly PurifierMode[]): PurifierModel => ({
  fanLevels: range(1, maxLevel),
  modes,
});
const CORE_200S = core(3, ['manual', 'sleep']);
const CORE_300S = core(3, ['manual', 'auto', 'sleep']);
const CORE_400S = core(4, ['manual', 'auto', 'sleep']);

/** Core series purifiers (pyvesync's `VeSyncAirBypass`), by `deviceType`. */
export const PURIFIER_MODELS: Readonly<Record<string, PurifierModel>> = {
  Core200S: CORE_200S,
  'LAP-C201S-AUSR': CORE_200S,
  'LAP-C202S-WUSR': CORE_200S,
  Core300S: CORE_300S,
  'LAP-C301S-WJP': CORE_300S,
  'LAP-C302S-WUSB': CORE_300S,
  'LAP-C301S-WAAA': CORE_300S,
  'LAP-C302S-WGC': CORE_300S,
  Core400S: CORE_400S,
  'LAP-C401S-WJP': CORE_400S,
  'LAP-C401S-WUSR': CORE_400S,
  'LAP-C401S-WAAA': CORE_400S,
  Core600S: CORE_400S,
  'LAP-C601S-WUS': CORE_400S,
  'LAP-C601S-WUSR': CORE_400S,
  'LAP-C601S-WEU': CORE_400S,
};

const HUMIDITY = { min: 30, max: 80 } as const;
const CLASSIC = {
  mistLevels: range(1, 9),
  modes: ['manual', 'auto', 'sleep'],
  targetHumidity: HUMIDITY,
} as const;

/** Classic 200S/300S and LV600S (LUH-A602S) humidifiers (pyvesync's `VeSyncHumid200300S` / `VeSyncHumid200S`). */
export const HUMIDIFIER_MODELS: Readonly<Record<string, HumidifierModel>> = {
  Classic300S: CLASSIC,
  'LUH-A601S-WUSB': CLASSIC,
  'LUH-A601S-AUSW': CLASSIC,
  Classic200S: { mistLevels: range(1, 9), modes: ['manual', 'auto'], targetHumidity: HUMIDITY },
  'LUH-A602S-WUSR': CLASSIC,
  'LUH-A602S-WUS': CLASSIC,
  'LUH-A602S-WEUR': CLASSIC,
  'LUH-A602S-WEU': CLASSIC,
  'LUH-A602S-WJP': CLASSIC,
  'LUH-A602S-WUSC': CLASSIC,
};

/** Outlets switched and read through the V1 calls (`deviceStatus`, `deviceDetail`): the 15A outlet. */
export const OUTLET_MODELS: ReadonlySet<string> = new Set(['ESW15-USA']);
