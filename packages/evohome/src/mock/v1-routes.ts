import { followDhwSchedule, followZoneSchedule } from './home-state.js';
import { v1AccountInfo, v1Locations } from './payloads-v1.js';
import { caseless, readJsonBody } from './request-fields.js';
import { failure, invalidInput, json, taskAccepted } from './responses.js';
import type { MockRoute, RouteContext } from './route-context.js';
import { parseApiTime } from './times.js';

/** The QuickAction values of `PUT evoTouchSystems` (V1 system modes). */
const QUICK_ACTIONS = new Set(['Auto', 'AutoWithEco', 'Away', 'Custom', 'DayOff', 'HeatingOff']);

// V1 answers someone else's ids with the same 401 as a dead session (the SDK must not loop on it).
const unauthorized = () => failure(401, 'Unauthorized', 'Unauthorized');

function locations(context: RouteContext): Response {
  const userId = context.url.searchParams.get('userId') ?? '';
  if (!/^\d+$/.test(userId)) return invalidInput();
  if (Number(userId) !== context.account.userId) return unauthorized();
  return json(v1Locations(context.account, context.homes.locationsOf(context.account, context.now)));
}

function deviceId(id: string): number | undefined {
  return /^\d+$/.test(id) ? Number(id) : undefined;
}

async function setHeatSetpoint(context: RouteContext, id: string): Promise<Response> {
  const zoneId = deviceId(id);
  if (zoneId === undefined) return invalidInput();
  const found = context.homes.zone(context.account, zoneId, context.now);
  if (found === undefined) return unauthorized();
  const [, zone] = found;
  const body = caseless(await readJsonBody(context.request));
  const status = body.get('status');
  if (status === 'Scheduled') {
    followZoneSchedule(zone);
    return taskAccepted(context.tasks.create(context.account));
  }
  const value = body.get('value');
  const until = parseApiTime(body.get('nexttime'));
  if (
    (status !== 'Hold' && status !== 'Temporary') ||
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    (status === 'Temporary' && until === undefined)
  ) {
    return invalidInput();
  }
  zone.setpoint = Math.min(35, Math.max(5, value));
  // evohome-client sends `Hold` with a NextTime for "until": the vendor treats that as temporary.
  zone.mode = until === undefined ? 'PermanentOverride' : 'TemporaryOverride';
  zone.until = until;
  return taskAccepted(context.tasks.create(context.account));
}

async function setDhw(context: RouteContext, id: string): Promise<Response> {
  const dhwId = deviceId(id);
  if (dhwId === undefined) return invalidInput();
  const found = context.homes.dhw(context.account, dhwId, context.now);
  if (found === undefined) return unauthorized();
  const [, dhw] = found;
  const body = caseless(await readJsonBody(context.request));
  const status = body.get('status');
  if (status === 'Scheduled') {
    followDhwSchedule(dhw);
    return taskAccepted(context.tasks.create(context.account));
  }
  const mode = body.get('mode');
  const until = parseApiTime(body.get('nexttime'));
  if (
    (status !== 'Hold' && status !== 'Temporary') ||
    (mode !== 'DHWOn' && mode !== 'DHWOff') ||
    (status === 'Temporary' && until === undefined)
  ) {
    return invalidInput();
  }
  dhw.on = mode === 'DHWOn';
  dhw.mode = until === undefined ? 'PermanentOverride' : 'TemporaryOverride';
  dhw.until = until;
  return taskAccepted(context.tasks.create(context.account));
}

async function setQuickAction(context: RouteContext): Promise<Response> {
  const locationId = context.url.searchParams.get('locationId') ?? '';
  if (!/^\d+$/.test(locationId)) return invalidInput();
  const location = context.homes.location(context.account, Number(locationId), context.now);
  if (location === undefined) return unauthorized();
  const body = caseless(await readJsonBody(context.request));
  const action = body.get('quickaction');
  if (typeof action !== 'string' || !QUICK_ACTIONS.has(action)) return invalidInput();
  const next = body.get('quickactionnexttime');
  const until = parseApiTime(next);
  if (next !== undefined && next !== null && until === undefined) return invalidInput();
  location.system = { mode: action, isPermanent: until === undefined, until };
  return taskAccepted(context.tasks.create(context.account));
}

const V1_TASK_STATE = { created: 'pending', running: 'pending', succeeded: 'Succeeded', failed: 'Failed' };

function commTask(context: RouteContext): Response {
  const id = context.url.searchParams.get('commTaskId') ?? '';
  if (!/^\d+$/.test(id)) return invalidInput();
  const phase = context.tasks.poll(context.account, id);
  if (phase === undefined) return failure(404, 'CommTaskNotFound', 'Communication task not found.');
  return json({ state: V1_TASK_STATE[phase] });
}

/** The `evoTouchSystems` route (V1 system mode); left out when the simulator plays the retired API. */
export const V1_SYSTEM_MODE_ROUTE: MockRoute = {
  pattern: /^evoTouchSystems$/i,
  methods: { PUT: setQuickAction },
  otherMethods: 'not-found',
};

/**
 * The V1 data routes. Unknown paths and wrong methods are the IIS HTML 404
 * on V1 (recorded for `GET xxxxxxx` and `PUT locations`).
 */
export const V1_ROUTES: readonly MockRoute[] = [
  {
    pattern: /^accountInfo$/i,
    methods: { GET: (c) => json(v1AccountInfo(c.account)) },
    otherMethods: 'not-found',
  },
  { pattern: /^locations$/i, methods: { GET: locations }, otherMethods: 'not-found' },
  {
    pattern: /^devices\/([^/]+)\/thermostat\/changeableValues\/heatSetpoint$/i,
    methods: { PUT: setHeatSetpoint },
    otherMethods: 'not-found',
  },
  {
    pattern: /^devices\/([^/]+)\/thermostat\/changeableValues$/i,
    methods: { PUT: setDhw },
    otherMethods: 'not-found',
  },
  { pattern: /^commTasks$/i, methods: { GET: commTask }, otherMethods: 'not-found' },
];
