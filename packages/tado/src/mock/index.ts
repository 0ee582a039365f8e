// The tado simulator and the mock base it is built on.
export * from '@tokenwise/auth-core/mock';
export { DEMO_ACCOUNTS, type MockTadoAccount } from './demo-accounts.js';
export { TadoCloud, type TadoCloudCounts, type TadoCloudOptions } from './tado-cloud.js';
