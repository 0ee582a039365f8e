import { followDhwSchedule, followZoneSchedule, type ZoneSetpointMode } from './home-state.js';
import {
  ALLOWED_SYSTEM_MODES,
  v2DhwStatus,
  v2Gateways,
  v2Installation,
  v2LocationInstallation,
  v2LocationStatus,
  v2SystemStatus,
  v2UserAccount,
  v2ZoneStatus,
} from './payloads-v2.js';
import { caseless, readJsonBody } from './request-fields.js';
import {
  failure,
  invalidInput,
  json,
  noResource,
  notAllowed,
  parametersMissing,
  taskAccepted,
} from './responses.js';
import type { MockRoute, RouteContext } from './route-context.js';
import { parseSchedule } from './schedules.js';
import { parseApiTime } from './times.js';

/** Every system mode the vendor's enum knows; a known one the controller lacks gets a 500, anything else 400. */
const TCC_SYSTEM_MODES = new Set([
  'Auto',
  'AutoWithEco',
  'AutoWithReset',
  'Away',
  'Custom',
  'DayOff',
  'HeatingOff',
  'Off',
  'Heat',
  'Cool',
]);
const ZONE_MODES = new Set<string>(['FollowSchedule', 'PermanentOverride', 'TemporaryOverride']);
const MIN_SETPOINT = 5;
const MAX_SETPOINT = 35;

function conversionError(value: unknown, type: string): Response {
  return invalidInput(`Error converting value ${JSON.stringify(value)} to type '${type}'.`);
}

function withId(handler: (context: RouteContext, id: number) => Response | Promise<Response>) {
  return (context: RouteContext, id: string): Response | Promise<Response> =>
    /^\d+$/.test(id) ? handler(context, Number(id)) : invalidInput();
}

function installation(context: RouteContext): Response {
  const { url, account } = context;
  const userId = url.searchParams.get('userId');
  if (userId === null || url.searchParams.get('includeTemperatureControlSystems') === null) {
    return noResource();
  }
  if (!/^\d+$/.test(userId)) return invalidInput();
  if (Number(userId) !== account.userId) return notAllowed();
  return json(v2Installation(account, context.homes.locationsOf(account, context.now)));
}

function locationOf(context: RouteContext, id: number, needsQuery: boolean): Response | undefined {
  if (needsQuery && context.url.searchParams.get('includeTemperatureControlSystems') === null) {
    return noResource();
  }
  return context.homes.location(context.account, id, context.now) ? undefined : notAllowed();
}

async function setSystemMode(context: RouteContext, systemId: number): Promise<Response> {
  const location = context.homes.bySystem(context.account, systemId, context.now);
  if (location === undefined) return notAllowed();
  const body = caseless(await readJsonBody(context.request));
  const mode = body.get('systemmode') ?? body.get('tccsystemmode');
  const permanent = body.get('permanent');
  const missing = [
    ...(mode === undefined || mode === null ? ['TccSystemMode'] : []),
    ...(typeof permanent === 'boolean' ? [] : ['Permanent']),
  ];
  if (missing.length > 0) return parametersMissing(missing);
  if (typeof mode !== 'string' || !TCC_SYSTEM_MODES.has(mode)) return conversionError(mode, 'TccSystemMode');
  const allowed = ALLOWED_SYSTEM_MODES.find((candidate) => candidate.systemMode === mode);
  // The recorded answer to a mode the controller does not have (e.g. Cool).
  if (allowed === undefined) return json({ message: 'An error has occurred.' }, 500);
  const timeUntil = body.get('timeuntil');
  const until = permanent ? undefined : parseApiTime(timeUntil);
  if (!permanent && timeUntil !== undefined && timeUntil !== null && until === undefined) {
    return conversionError(timeUntil, 'DateTime');
  }
  location.system = { mode, isPermanent: permanent === true, until };
  return taskAccepted(context.tasks.create(context.account));
}

async function setZoneSetpoint(context: RouteContext, zoneId: number): Promise<Response> {
  const found = context.homes.zone(context.account, zoneId, context.now);
  if (found === undefined) return notAllowed();
  const [, zone] = found;
  const body = caseless(await readJsonBody(context.request));
  const mode = body.get('setpointmode');
  if (mode === undefined || mode === null) return parametersMissing(['SetpointMode']);
  if (typeof mode !== 'string' || !ZONE_MODES.has(mode)) return conversionError(mode, 'SetpointMode');
  if (mode === 'FollowSchedule') {
    followZoneSchedule(zone);
    return taskAccepted(context.tasks.create(context.account));
  }
  const value = body.get('heatsetpointvalue');
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return failure(
      400,
      'HeatSetpointChangeTargetTemperatureNotSet',
      'Target temperature not specified when required',
    );
  }
  const until = parseApiTime(body.get('timeuntil'));
  if (mode === 'TemporaryOverride' && until === undefined) {
    return failure(400, 'HeatSetpointChangeTimeUntilNotSet', 'Time until not specified when required');
  }
  // The vendor accepts any number (99 was recorded); the controller keeps to its limits.
  zone.setpoint = Math.min(MAX_SETPOINT, Math.max(MIN_SETPOINT, value));
  zone.mode = mode as ZoneSetpointMode;
  zone.until = mode === 'TemporaryOverride' ? until : undefined;
  return taskAccepted(context.tasks.create(context.account));
}

async function setDhwState(context: RouteContext, dhwId: number): Promise<Response> {
  const found = context.homes.dhw(context.account, dhwId, context.now);
  if (found === undefined) return notAllowed();
  const [, dhw] = found;
  const body = caseless(await readJsonBody(context.request));
  const mode = body.get('mode');
  if (mode === undefined || mode === null) return parametersMissing(['Mode']);
  if (typeof mode !== 'string' || !ZONE_MODES.has(mode)) {
    return conversionError(mode, 'DomesticHotWater.Enums.EMEADomesticHotWaterSetpointMode');
  }
  const state = body.get('state');
  if (state !== undefined && state !== null && state !== '' && state !== 'On' && state !== 'Off') {
    return conversionError(state, 'DomesticHotWater.Enums.EMEADomesticHotWaterState');
  }
  if (mode === 'FollowSchedule') {
    followDhwSchedule(dhw);
    return taskAccepted(context.tasks.create(context.account));
  }
  if (state !== 'On' && state !== 'Off') {
    return failure(400, 'DHWStateNotSet', 'Domestic hot water state is not set when required');
  }
  const until = parseApiTime(body.get('untiltime'));
  if (mode === 'TemporaryOverride' && until === undefined) {
    return failure(400, 'DHWUntilTimeNotSet', 'Domestic hot water until time is not set when required');
  }
  dhw.on = state === 'On';
  dhw.mode = mode as ZoneSetpointMode;
  dhw.until = mode === 'TemporaryOverride' ? until : undefined;
  return taskAccepted(context.tasks.create(context.account));
}

function scheduleOwner(context: RouteContext, kind: 'zone' | 'dhw', id: number) {
  const found =
    kind === 'zone'
      ? context.homes.zone(context.account, id, context.now)
      : context.homes.dhw(context.account, id, context.now);
  return found?.[1];
}

function getSchedule(kind: 'zone' | 'dhw') {
  return withId((context, id) => {
    const owner = scheduleOwner(context, kind, id);
    if (owner) return json(owner.schedule);
    // A zone id nobody has (a "ghost" zone) has no schedule; someone else's is not yours to read.
    if (context.homes.deviceExists(id)) return notAllowed();
    return failure(400, 'ScheduleNotFound', 'Schedule not found.');
  });
}

function putSchedule(kind: 'zone' | 'dhw') {
  return withId(async (context, id) => {
    const owner = scheduleOwner(context, kind, id);
    if (owner === undefined) return notAllowed();
    const body = await readJsonBody(context.request);
    if (body === undefined || body === null) return parametersMissing(['request']);
    const schedule = parseSchedule(body, kind);
    if ('code' in schedule) return failure(400, schedule.code, schedule.message);
    owner.schedule = schedule;
    return taskAccepted(context.tasks.create(context.account));
  });
}

const V2_TASK_STATE = { created: 'Created', running: 'Running', succeeded: 'Succeeded', failed: 'Failed' };

function commTask(context: RouteContext): Response {
  const id = context.url.searchParams.get('commTaskId');
  if (id === null) return noResource();
  if (!/^\d+$/.test(id)) return invalidInput();
  const phase = context.tasks.poll(context.account, id);
  if (phase === undefined) return failure(404, 'CommTaskNotFound', 'Communication task not found.');
  return json({ commtaskId: id, state: V2_TASK_STATE[phase] });
}

/**
 * The V2 data routes, as the vendor answers them (the evohome wire reference
 * §2.2–2.3 and evohome-async's recorded live answers). Ids are strings of
 * digits: anything else is a 400, someone else's a 401.
 */
export const V2_ROUTES: readonly MockRoute[] = [
  { pattern: /^userAccount$/i, methods: { GET: (c) => json(v2UserAccount(c.account)) } },
  { pattern: /^location\/installationInfo$/i, methods: { GET: installation } },
  {
    pattern: /^location\/([^/]+)\/installationInfo$/i,
    methods: {
      GET: withId((c, id) => {
        const refused = locationOf(c, id, true);
        const location = c.homes.location(c.account, id, c.now);
        return refused ?? json(location && v2LocationInstallation(c.account, location));
      }),
    },
  },
  {
    pattern: /^location\/([^/]+)\/status$/i,
    methods: {
      GET: withId((c, id) => {
        const refused = locationOf(c, id, true);
        const location = c.homes.location(c.account, id, c.now);
        return refused ?? json(location && v2LocationStatus(location));
      }),
    },
  },
  {
    pattern: /^gateway$/i,
    methods: { GET: (c) => json(v2Gateways(c.homes.locationsOf(c.account, c.now))) },
  },
  {
    pattern: /^temperatureControlSystem\/([^/]+)\/status$/i,
    methods: {
      GET: withId((c, id) => {
        const location = c.homes.bySystem(c.account, id, c.now);
        return location ? json(v2SystemStatus(location)) : notAllowed();
      }),
    },
  },
  { pattern: /^temperatureControlSystem\/([^/]+)\/mode$/i, methods: { PUT: withId(setSystemMode) } },
  {
    pattern: /^temperatureZone\/([^/]+)\/status$/i,
    methods: {
      GET: withId((c, id) => {
        const found = c.homes.zone(c.account, id, c.now);
        return found ? json(v2ZoneStatus(found[1])) : notAllowed();
      }),
    },
  },
  // Recorded: a GET here is an HTML 404, as if the route did not exist.
  {
    pattern: /^temperatureZone\/([^/]+)\/heatSetpoint$/i,
    methods: { PUT: withId(setZoneSetpoint) },
    otherMethods: 'not-found',
  },
  {
    pattern: /^temperatureZone\/([^/]+)\/schedule$/i,
    methods: { GET: getSchedule('zone'), PUT: putSchedule('zone') },
  },
  {
    pattern: /^domesticHotWater\/([^/]+)\/status$/i,
    methods: {
      GET: withId((c, id) => {
        const found = c.homes.dhw(c.account, id, c.now);
        return found ? json(v2DhwStatus(found[1])) : notAllowed();
      }),
    },
  },
  { pattern: /^domesticHotWater\/([^/]+)\/state$/i, methods: { PUT: withId(setDhwState) } },
  {
    pattern: /^domesticHotWater\/([^/]+)\/schedule$/i,
    methods: { GET: getSchedule('dhw'), PUT: putSchedule('dhw') },
  },
  { pattern: /^commTasks$/i, methods: { GET: commTask } },
];
