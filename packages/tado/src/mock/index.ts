export * from '@tokenwise/auth-core/mock';
export { DEMO_ACCOUNTS, type DemoAccount } from './demo-accounts.js';
export { TadoCloud, type TadoCloudOptions } from './tado-cloud.js';
