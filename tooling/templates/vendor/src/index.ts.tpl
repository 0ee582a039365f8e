export * from '@tokenwise/auth-core';
export type { CallSignalOptions } from './api.js';
export { __Vendor__Client, type __Vendor__Options } from './client.js';
export { __VENDOR___PRODUCTION_URL } from './constants.js';
export { type __Vendor__Item, type __Vendor__Session, __vendorCamel__SessionSchema } from './schemas.js';
