import { ConfigurationError } from '@tokenwise/auth-core/vendor';
import { NWP500_DEVICE_TYPE, VENDOR } from '../constants.js';

/** A device as MQTT topics need it. `deviceType` defaults to 52 (NWP500). */
export interface MqttDeviceRef {
  macAddress: string;
  additionalValue?: string;
  deviceType?: number;
}

/** The MAC the way topics carry it: 12 lowercase hex digits, no separators. */
export function normalizeMac(macAddress: string): string {
  const mac = typeof macAddress === 'string' ? macAddress.toLowerCase().replace(/[:-]/g, '') : '';
  if (!/^[0-9a-f]{12}$/.test(mac)) {
    throw new ConfigurationError('macAddress must be 12 hex digits', { vendor: VENDOR });
  }
  return mac;
}

function deviceType(device: MqttDeviceRef): number {
  return device.deviceType ?? NWP500_DEVICE_TYPE;
}

/** `cmd/{deviceType}/navilink-{mac}`: the root of a device's command topics. */
export function deviceCommandRoot(device: MqttDeviceRef): string {
  return `cmd/${deviceType(device)}/navilink-${normalizeMac(device.macAddress)}`;
}

/** Where a command goes: `cmd/{deviceType}/navilink-{mac}/{suffix}` (`st`, `ctrl`, `st/...`). */
export function commandTopic(device: MqttDeviceRef, suffix: string): string {
  if (!/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/.test(suffix)) {
    throw new ConfigurationError('The command topic suffix must be plain topic levels', { vendor: VENDOR });
  }
  return `${deviceCommandRoot(device)}/${suffix}`;
}

/** Where the device answers this client's controls: `cmd/{deviceType}/navilink-{mac}/{clientId}/res`. */
export function responseTopic(device: MqttDeviceRef, clientId: string): string {
  return `${deviceCommandRoot(device)}/${clientId}/res`;
}

/**
 * Everything one client hears about a device: its command tree (status and
 * control answers), this client's query results, and the device's events.
 */
export function deviceSubscriptionTopics(device: MqttDeviceRef, clientId: string): string[] {
  const type = deviceType(device);
  const mac = normalizeMac(device.macAddress);
  return [`cmd/${type}/navilink-${mac}/#`, `cmd/${type}/${clientId}/res/#`, `evt/${type}/navilink-${mac}/#`];
}

/** MQTT topic-filter matching (`+` one level, `#` the rest). */
export function topicMatches(filter: string, topic: string): boolean {
  const filterLevels = filter.split('/');
  const topicLevels = topic.split('/');
  for (let i = 0; i < filterLevels.length; i++) {
    const level = filterLevels[i];
    if (level === '#') return true;
    if (i >= topicLevels.length) return false;
    if (level !== '+' && level !== topicLevels[i]) return false;
  }
  return filterLevels.length === topicLevels.length;
}
