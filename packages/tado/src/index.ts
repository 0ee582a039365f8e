export * from '@tokenwise/auth-core';
export type { CallSignalOptions } from './api.js';
export { TadoClient, type TadoOptions } from './client.js';
export { TADO_PRODUCTION_URL } from './constants.js';
export { type TadoItem, type TadoSession, tadoSessionSchema } from './schemas.js';
