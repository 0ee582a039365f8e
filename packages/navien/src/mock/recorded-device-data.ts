/** One firmware module as the mock reports it (the device's MAC and additional value are added per device). */
export interface MockFirmware {
  deviceGroup: string | null;
  curSwCode: number;
  curVersion: number;
  downloadedVersion: number | null;
}

/** The four modules of the recorded NWP500 (`device_firmware_info.response.json`). */
export const RECORDED_FIRMWARES: readonly MockFirmware[] = [
  { deviceGroup: null, curSwCode: 33_556_241, curVersion: 167_837_696, downloadedVersion: 0 },
  { deviceGroup: null, curSwCode: 268_435_985, curVersion: 34_013_184, downloadedVersion: null },
  { deviceGroup: null, curSwCode: 268_435_761, curVersion: 60_454, downloadedVersion: null },
  { deviceGroup: null, curSwCode: 268_435_777, curVersion: 60_454, downloadedVersion: null },
];

/** One priced window of a TOU season, in the wire's field names. */
export interface MockTouInterval {
  week: number;
  startHour: number;
  startMinute: number;
  endHour: number;
  endMinute: number;
  priceMin: number;
  priceMax: number;
  decimalPoint: number;
}

/** A device's time-of-use plan as the mock holds it. */
export interface MockTou {
  registerPath: string;
  sourceType: string;
  name: string;
  utility?: string;
  zipCode?: number | string;
  schedule: { season: number; interval: MockTouInterval[] }[];
}

// The recorded plan repeats one day shape per weekday set (124 = Mon–Fri, 130 = Sat+Sun).
function season(season: number, [low, lowMax]: number[], [peak, peakMax]: number[]) {
  const day = (week: number): MockTouInterval[] =>
    [
      [0, 15, low, lowMax],
      [16, 20, peak, peakMax],
      [21, 23, low, lowMax],
    ].map(([startHour = 0, endHour = 0, priceMin = 0, priceMax = 0]) => ({
      priceMin,
      endHour,
      priceMax,
      week,
      decimalPoint: 5,
      startHour,
      startMinute: 0,
      endMinute: 59,
    }));
  return { season, interval: [...day(124), ...day(130)] };
}

/** The recorded plan (`device_tou.response.json`): PG&E E-TOU-C, a winter and a summer season. */
export function recordedTou(): MockTou {
  return {
    registerPath: 'bt',
    sourceType: 'openei',
    name: 'E-TOU-C Residential Time of Use Baseline Region V (All Electric Service)',
    schedule: [
      season(3615, [36_261, 46_378], [39_261, 49_378]),
      season(480, [40_378, 50_495], [50_678, 60_795]),
    ],
    utility: 'Pacific Gas & Electric Co',
    zipCode: 94_595,
  };
}
