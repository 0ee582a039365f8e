export * from '@tokenwise/auth-core';
export { type DeviceRef, type ListDevicesOptions, NavienApiClient, type TouDeviceRef } from './api.js';
export {
  AuthTokens,
  type AuthTokensDict,
  type AuthTokensInit,
  type AuthTokensOptions,
} from './auth-tokens.js';
export { NavienAuthClient } from './client.js';
export type {
  AuthenticationResponse,
  NavienAuthClientOptions,
  NavienAwsCredentials,
} from './client-options.js';
export {
  BASE_URL_ENV,
  DEFAULT_BASE_URL,
  DEFAULT_IOT_URL,
  IOT_URL_ENV,
  NWP500_DEVICE_TYPE,
  STATUS_REQUEST_COMMAND,
} from './constants.js';
export { firmwareSchema, type NavienFirmware } from './firmware.js';
export {
  CONTROL_COMMANDS,
  DHW_MODES,
  type DhwMode,
  dhwModeCommand,
  dhwTemperatureCommand,
  powerCommand,
} from './mqtt/control-commands.js';
export { NavienMqttClient } from './mqtt/mqtt-client.js';
export type {
  NavienCommand,
  NavienMqttClientOptions,
  NavienMqttEvents,
  NavienMqttHandler,
  NavienMqttMessage,
} from './mqtt/mqtt-types.js';
export { type PresignIotUrlOptions, presignIotUrl } from './mqtt/presign.js';
export {
  commandTopic,
  deviceSubscriptionTopics,
  type MqttDeviceRef,
  responseTopic,
  topicMatches,
} from './mqtt/topics.js';
export type { PushTokenRegistration } from './push-token.js';
export {
  deviceDetailsSchema,
  deviceSchema,
  type LegalInfo,
  legalSchema,
  type NavienDevice,
  type NavienDeviceDetails,
  type NavienSession,
  navienSessionSchema,
  type UserInfoData,
  userInfoSchema,
} from './schemas.js';
export {
  type NavienTouInfo,
  type NavienTouInterval,
  type NavienTouPlan,
  type NavienTouPlanInput,
  type NavienTouSeason,
  touDataSchema,
  touInfoSchema,
  touIntervalSchema,
  touPlanInputSchema,
  touSeasonSchema,
} from './tou.js';
export type { UpdateTouOptions } from './tou-update.js';
export { UserInfo } from './user-info.js';
