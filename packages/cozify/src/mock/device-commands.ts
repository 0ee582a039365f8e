import type { MockHubDevice } from './mock-devices.js';

/** What the hub answers a refused command batch with (nothing of the batch is applied). */
export interface RefusedCommand {
  status: number;
  error: string;
}

// Sensors and the hub set these; python-cozify strips them before replaying a state.
const READ_ONLY = new Set(['type', 'lastSeen', 'reachable', 'maxTemperature', 'minTemperature']);

/**
 * Applies a `PUT devices/command` body the way python-cozify relies on the
 * hub doing it: `CMD_DEVICE_ON`/`OFF` switch a device with `ON_OFF`;
 * `CMD_DEVICE` changes the state fields it names, where `null` means "keep"
 * (python-cozify nulls every field it does not change) and read-only fields
 * are ignored. The whole batch is checked before anything changes. Changed
 * devices get `now` as `timestamp` and `state.lastSeen`.
 */
export function applyDeviceCommands(
  devices: Record<string, MockHubDevice>,
  body: unknown,
  now: number,
): RefusedCommand | undefined {
  if (!Array.isArray(body)) return { status: 400, error: 'expected a JSON array of commands' };
  const changes: Array<[MockHubDevice, Record<string, unknown>]> = [];
  for (const command of body as Array<{ id?: unknown; type?: unknown; state?: unknown }>) {
    const device = typeof command?.id === 'string' ? devices[command.id] : undefined;
    if (!device) return { status: 400, error: 'unknown device' };
    if (command.type === 'CMD_DEVICE_ON' || command.type === 'CMD_DEVICE_OFF') {
      if (!device.capabilities.values.includes('ON_OFF'))
        return { status: 400, error: 'device cannot be switched' };
      changes.push([device, { isOn: command.type === 'CMD_DEVICE_ON' }]);
    } else if (command.type === 'CMD_DEVICE') {
      const change = stateChange(device, command.state);
      if ('error' in change) return change;
      changes.push([device, change.fields]);
    } else {
      return { status: 400, error: 'unknown command type' };
    }
  }
  for (const [device, fields] of changes) {
    Object.assign(device.state, fields, { lastSeen: now });
    device.timestamp = now;
  }
  return undefined;
}

function stateChange(
  device: MockHubDevice,
  state: unknown,
): { fields: Record<string, unknown> } | RefusedCommand {
  if (typeof state !== 'object' || state === null || Array.isArray(state)) {
    return { status: 400, error: 'CMD_DEVICE needs a state object' };
  }
  const requested = state as Record<string, unknown>;
  if (requested.type !== device.state.type)
    return { status: 400, error: 'state type does not match the device' };
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(requested)) {
    if (value === null || READ_ONLY.has(key) || !(key in device.state)) continue;
    const current = device.state[key];
    if (current !== null && typeof current !== typeof value)
      return { status: 400, error: `bad value for ${key}` };
    fields[key] = value;
  }
  return { fields };
}
