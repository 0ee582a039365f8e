export * from '@tokenwise/auth-core/mock';
export { __Vendor__Cloud, type __Vendor__CloudOptions } from './__vendor__-cloud.js';
export { DEMO_ACCOUNTS, type DemoAccount } from './demo-accounts.js';
