/** A device as the simulated hub holds it: the hub API's JSON shape. */
export type MockHubDevice = Record<string, unknown> & {
  id: string;
  state: Record<string, unknown> & { type: string };
  capabilities: { type: string; values: string[] };
};

const LAST_SEEN = 1_767_225_600_000;

/**
 * Devices a simulated hub starts with, carrying every field of the recorded
 * `GET devices` reply (python-cozify's fixture from a live hub): a
 * colour-temperature light, a colour light (with the `description` and
 * `deviceType` some recorded devices have), a multi-sensor and a twilight
 * sensor.
 */
export function initialDevices(): Record<string, MockHubDevice> {
  const device = (fields: MockHubDevice): MockHubDevice => ({
    groups: [],
    room: ['room-living'],
    rwx: 509,
    timestamp: LAST_SEEN,
    zones: [],
    ...fields,
  });
  const lightState = (isOn: boolean, colour: Record<string, unknown>) => ({
    brightness: 0.5,
    isOn,
    lastSeen: LAST_SEEN,
    reachable: true,
    transitionMsec: null,
    type: 'STATE_LIGHT',
    ...colour,
  });
  return {
    'light-kitchen': device({
      capabilities: {
        type: 'SET',
        values: ['IDENTIFY', 'ALERT', 'ON_OFF', 'CONTROL_LIGHT', 'COLOR_TEMP', 'BRIGHTNESS', 'DEVICE'],
      },
      groups: ['group-downstairs'],
      id: 'light-kitchen',
      manufacturer: 'Simulated Lights Oy',
      model: null,
      name: 'Kitchen ceiling',
      state: lightState(true, {
        colorMode: 'ct',
        hue: -1,
        maxTemperature: 4000.0,
        minTemperature: 2202.643171806167,
        saturation: -1,
        temperature: 2700,
      }),
      type: 'LIGHT',
    }),
    'light-sofa': device({
      capabilities: {
        type: 'SET',
        values: [
          'IDENTIFY',
          'ALERT',
          'ON_OFF',
          'CONTROL_LIGHT',
          'TRANSITION',
          'COLOR_TEMP',
          'BRIGHTNESS',
          'DEVICE',
          'COLOR_LOOP',
          'COLOR_HS',
        ],
      },
      description: null,
      deviceType: null,
      id: 'light-sofa',
      manufacturer: 'Simulated Lights Oy',
      model: 'Bulb RGBW',
      name: 'Sofa lamp',
      state: lightState(false, {
        colorMode: 'hs',
        hue: 0.5061454830783556,
        maxTemperature: 6622.516556291391,
        minTemperature: 2000.0,
        saturation: 1,
        temperature: -1,
      }),
      type: 'LIGHT',
    }),
    'sensor-door': device({
      capabilities: { type: 'SET', values: ['CONTACT', 'TEMPERATURE', 'HUMIDITY', 'DEVICE'] },
      id: 'sensor-door',
      manufacturer: 'Simulated Sensors Oy',
      model: null,
      name: 'Front door',
      room: [],
      state: {
        humidity: 41,
        lastSeen: LAST_SEEN,
        open: false,
        reachable: true,
        temperature: 19.5,
        type: 'STATE_MULTI_SENSOR',
      },
      type: 'MULTI_SENSOR',
    }),
    'twilight-garden': device({
      capabilities: { type: 'SET', values: ['DEVICE', 'TWILIGHT'] },
      description: null,
      deviceType: null,
      id: 'twilight-garden',
      manufacturer: 'Simulated Sensors Oy',
      model: 'Twilight Sensor',
      name: 'Garden twilight',
      room: [],
      state: {
        lastSeen: LAST_SEEN,
        reachable: true,
        twilight: true,
        twilightStart: LAST_SEEN - 3_600_000,
        twilightStop: LAST_SEEN - 12 * 3_600_000,
        type: 'STATE_TWILIGHT',
      },
      type: 'TWILIGHT',
    }),
  };
}
