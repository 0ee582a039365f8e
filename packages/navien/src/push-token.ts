import { PACKAGE_VERSION } from './constants.js';

/** What `NavienApiClient.updatePushToken` registers (`POST /app/update-push-token`). */
export interface PushTokenRegistration {
  /** The push-notification token (FCM/APNs) alerts are delivered to. Never logged. */
  pushToken: string;
  /** Device model shown to the cloud. Default `tokenwise`. */
  modelName?: string;
  /** App version. Default this package's version. */
  appVersion?: string;
  /** Operating system. Default `Node.js`. */
  os?: string;
  /** Operating system version. Default the running Node.js version. */
  osVersion?: string;
  signal?: AbortSignal;
}

/** The body fields besides `userId` and `pushToken`, with the defaults filled in. */
export function pushTokenClientFields(registration: PushTokenRegistration): {
  modelName: string;
  appVersion: string;
  os: string;
  osVersion: string;
} {
  return {
    modelName: registration.modelName ?? 'tokenwise',
    appVersion: registration.appVersion ?? PACKAGE_VERSION,
    os: registration.os ?? 'Node.js',
    osVersion: registration.osVersion ?? process.versions.node,
  };
}
