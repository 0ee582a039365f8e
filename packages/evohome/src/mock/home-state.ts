import type { EvohomeMockAccount, EvohomeMockFault, EvohomeMockLocation } from './accounts.js';
import { defaultDhwSchedule, defaultZoneSchedule, type MockSchedule } from './schedules.js';

/** How a zone's target is set: the V2 names (V1 calls them `Scheduled`, `Hold`, `Temporary`). */
export type ZoneSetpointMode = 'FollowSchedule' | 'PermanentOverride' | 'TemporaryOverride';

/** A zone as the simulator holds it: the account's zone plus what writes changed. */
export interface ZoneState {
  readonly id: number;
  readonly name: string;
  readonly temperature: number | null;
  readonly faults: readonly EvohomeMockFault[];
  /** The target the schedule gives (the account's `setpoint`). */
  readonly scheduledSetpoint: number;
  setpoint: number;
  mode: ZoneSetpointMode;
  /** End of a temporary override, epoch ms. */
  until: number | undefined;
  schedule: MockSchedule;
}

/** Hot water as the simulator holds it. */
export interface DhwState {
  readonly id: number;
  readonly temperature: number | null;
  /** What the schedule gives. */
  readonly scheduledOn: boolean;
  on: boolean;
  mode: ZoneSetpointMode;
  until: number | undefined;
  schedule: MockSchedule;
}

/** The system (temperature control system) mode of a location. */
export interface SystemModeState {
  mode: string;
  isPermanent: boolean;
  /** End of a temporary mode, epoch ms. */
  until: number | undefined;
}

/** A location as the simulator holds it. */
export interface LocationState {
  readonly id: number;
  readonly name: string;
  readonly gatewayId: number;
  readonly systemId: number;
  readonly account: EvohomeMockAccount;
  readonly zones: ZoneState[];
  readonly dhw: DhwState | undefined;
  system: SystemModeState;
}

/** Faults a zone without a reading reports when its account names none (as recorded for such a zone). */
const OFFLINE_ZONE_FAULTS: readonly EvohomeMockFault[] = [
  { faultType: 'TempZoneActuatorCommunicationLost', since: '2024-12-17T17:10:57' },
];

function locationState(account: EvohomeMockAccount, location: EvohomeMockLocation): LocationState {
  return {
    id: location.id,
    name: location.name,
    gatewayId: location.gatewayId,
    systemId: location.systemId,
    account,
    zones: location.zones.map((zone) => ({
      id: zone.id,
      name: zone.name,
      temperature: zone.temperature,
      faults: zone.faults ?? (zone.temperature === null ? OFFLINE_ZONE_FAULTS : []),
      scheduledSetpoint: zone.setpoint,
      setpoint: zone.setpoint,
      mode: 'FollowSchedule',
      until: undefined,
      schedule: defaultZoneSchedule(),
    })),
    dhw: location.dhw && {
      id: location.dhw.id,
      temperature: location.dhw.temperature,
      scheduledOn: location.dhw.on,
      on: location.dhw.on,
      mode: 'FollowSchedule',
      until: undefined,
      schedule: defaultDhwSchedule(),
    },
    system: { mode: 'Auto', isPermanent: true, until: undefined },
  };
}

/**
 * Every installation of the simulated accounts, mutable: writes change it and
 * the next read shows the change. Temporary overrides end by themselves when
 * their time has passed (checked on read, against the cloud's clock).
 */
export class HomeState {
  readonly #locations = new Map<number, LocationState>();

  constructor(accounts: readonly EvohomeMockAccount[]) {
    for (const account of accounts) {
      for (const location of account.locations) {
        this.#locations.set(location.id, locationState(account, location));
      }
    }
  }

  /** The account's locations, overrides past their end reverted. */
  locationsOf(account: EvohomeMockAccount, now: number): LocationState[] {
    return [...this.#locations.values()]
      .filter((location) => location.account === account)
      .map((location) => this.#settle(location, now));
  }

  /** One location of the account (undefined for an unknown id or someone else's). */
  location(account: EvohomeMockAccount, id: number, now: number): LocationState | undefined {
    const location = this.#locations.get(id);
    return location?.account === account ? this.#settle(location, now) : undefined;
  }

  /** The location whose system has this id, within the account. */
  bySystem(account: EvohomeMockAccount, systemId: number, now: number): LocationState | undefined {
    return this.locationsOf(account, now).find((location) => location.systemId === systemId);
  }

  /** A zone of the account with its location. */
  zone(account: EvohomeMockAccount, zoneId: number, now: number): [LocationState, ZoneState] | undefined {
    for (const location of this.locationsOf(account, now)) {
      const zone = location.zones.find((candidate) => candidate.id === zoneId);
      if (zone) return [location, zone];
    }
    return undefined;
  }

  /** The hot water of the account with this id, with its location. */
  dhw(account: EvohomeMockAccount, dhwId: number, now: number): [LocationState, DhwState] | undefined {
    for (const location of this.locationsOf(account, now)) {
      if (location.dhw?.id === dhwId) return [location, location.dhw];
    }
    return undefined;
  }

  /** Whether any account has a zone or hot water with this id (someone else's vs a ghost). */
  deviceExists(id: number): boolean {
    for (const location of this.#locations.values()) {
      if (location.dhw?.id === id || location.zones.some((zone) => zone.id === id)) return true;
    }
    return false;
  }

  #settle(location: LocationState, now: number): LocationState {
    for (const zone of location.zones) {
      if (zone.until !== undefined && zone.until <= now) followZoneSchedule(zone);
    }
    const dhw = location.dhw;
    if (dhw?.until !== undefined && dhw.until <= now) followDhwSchedule(dhw);
    if (location.system.until !== undefined && location.system.until <= now) {
      location.system = { mode: 'Auto', isPermanent: true, until: undefined };
    }
    return location;
  }
}

/** Cancels a zone override: back to the schedule's target. */
export function followZoneSchedule(zone: ZoneState): void {
  zone.mode = 'FollowSchedule';
  zone.setpoint = zone.scheduledSetpoint;
  zone.until = undefined;
}

/** Cancels a hot-water override: back to the schedule's state. */
export function followDhwSchedule(dhw: DhwState): void {
  dhw.mode = 'FollowSchedule';
  dhw.on = dhw.scheduledOn;
  dhw.until = undefined;
}
