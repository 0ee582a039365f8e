/** An active fault of a zone, as V2 status reports it (`since` is the installation's local time). */
export interface EvohomeMockFault {
  faultType: string;
  since: string;
}

/** A zone of a simulated installation. */
export interface EvohomeMockZone {
  id: number;
  name: string;
  /** Measured °C, or `null` for a zone whose sensor is offline (V1 sends 128 / `NotAvailable`). */
  temperature: number | null;
  /** The target the zone's schedule gives now, °C. */
  setpoint: number;
  /**
   * Active faults. Default: none, or for a zone without a reading the
   * recorded `TempZoneActuatorCommunicationLost`.
   */
  faults?: readonly EvohomeMockFault[] | undefined;
}

/** Hot water of a simulated installation. */
export interface EvohomeMockDhw {
  id: number;
  temperature: number | null;
  on: boolean;
}

/** A location (one gateway, one temperature control system) of a simulated account. */
export interface EvohomeMockLocation {
  id: number;
  name: string;
  gatewayId: number;
  systemId: number;
  zones: readonly EvohomeMockZone[];
  dhw?: EvohomeMockDhw | undefined;
}

/** An account of the simulated cloud. */
export interface EvohomeMockAccount {
  username: string;
  password: string;
  userId: number;
  firstname: string;
  lastname: string;
  /** When false, V1 data calls answer 403 `LatestEulaNotAccepted` (V2 keeps working). Default true. */
  eulaAccepted?: boolean | undefined;
  locations: readonly EvohomeMockLocation[];
}

/**
 * Ready-made accounts: `demo@example.com` / `demo-password` with two
 * locations (one zone offline, hot water), and `eula@example.com` /
 * `eula-password` whose owner has not accepted the latest EULA.
 */
export const DEMO_ACCOUNTS: readonly EvohomeMockAccount[] = [
  {
    username: 'demo@example.com',
    password: 'demo-password',
    userId: 2263181,
    firstname: 'Dana',
    lastname: 'Demo',
    locations: [
      {
        id: 2738909,
        name: 'Home',
        gatewayId: 2499896,
        systemId: 3432522,
        zones: [
          { id: 3432576, name: 'Living Room', temperature: 19.78, setpoint: 19.5 },
          { id: 3432578, name: 'Kitchen', temperature: 20.12, setpoint: 18 },
          { id: 3432521, name: 'Loft', temperature: null, setpoint: 5 },
        ],
        dhw: { id: 3933910, temperature: 38.91, on: false },
      },
      {
        id: 2727366,
        name: 'Cottage',
        gatewayId: 2513794,
        systemId: 3454856,
        zones: [{ id: 3454854, name: 'Snug', temperature: 16.5, setpoint: 16 }],
      },
    ],
  },
  {
    username: 'eula@example.com',
    password: 'eula-password',
    userId: 2276512,
    firstname: 'Eli',
    lastname: 'Unsigned',
    eulaAccepted: false,
    locations: [
      {
        id: 2800001,
        name: 'Flat',
        gatewayId: 2800002,
        systemId: 2800003,
        zones: [{ id: 2800004, name: 'Lounge', temperature: 21, setpoint: 20 }],
      },
    ],
  },
];
