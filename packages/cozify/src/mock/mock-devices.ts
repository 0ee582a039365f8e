/** Devices a simulated hub starts with: two lights and a sensor, in the hub API's shape. */
export function initialDevices(): Record<string, Record<string, unknown>> {
  const light = (id: string, name: string, isOn: boolean) => ({
    id,
    name,
    type: 'LIGHT',
    manufacturer: 'Simulated Lights Oy',
    model: 'Bulb TW',
    capabilities: { type: 'SET', values: ['ON_OFF', 'BRIGHTNESS', 'COLOR_TEMP', 'DEVICE'] },
    room: ['room-living'],
    zones: [],
    groups: [],
    rwx: 509,
    timestamp: 1_767_225_600_000,
    state: { type: 'STATE_LIGHT', isOn, brightness: 0.5, reachable: true, lastSeen: 1_767_225_600_000 },
  });
  return {
    'light-kitchen': light('light-kitchen', 'Kitchen ceiling', true),
    'light-sofa': light('light-sofa', 'Sofa lamp', false),
    'sensor-door': {
      id: 'sensor-door',
      name: 'Front door',
      type: 'MULTI_SENSOR',
      manufacturer: 'Simulated Sensors Oy',
      model: null,
      capabilities: { type: 'SET', values: ['CONTACT', 'DEVICE'] },
      room: [],
      zones: [],
      groups: [],
      rwx: 509,
      timestamp: 1_767_225_600_000,
      state: { type: 'STATE_MULTI_SENSOR', open: false, reachable: true, lastSeen: 1_767_225_600_000 },
    },
  };
}
