import { fileURLToPath } from 'node:url';
import { NavienApiClient, NavienAuthClient } from '@tokenwise/navien';
import { DEMO_ACCOUNTS, NavienCloud } from '@tokenwise/navien/mock';
import type { VendorDemo } from '../vendor-demo.js';
import { serveCloud } from './serve-cloud.js';

const email = 'demo@example.com';
const password = DEMO_ACCOUNTS[email]?.password ?? '';

/**
 * Navien: one-hour JWTs and AWS credentials. A refresh renews the JWTs but not
 * the AWS credentials, so with both expiring together the renewal is a sign-in.
 */
export const navienDemo: VendorDemo = {
  vendor: 'navien',
  expireMs: 61 * 60_000,
  renewsBy: 'login',
  loginBecause: 'only a sign-in returns new AWS credentials',
  startCloud: (clock) => serveCloud(new NavienCloud({ clock }), '/api/v2.1'),
  async client({ cloud, store, clock }) {
    const auth = await NavienAuthClient.create(email, password, { baseUrl: cloud.url, store, clock });
    const api = new NavienApiClient(auth);
    return { call: () => api.listDevices(), close: () => auth.close() };
  },
  childScript: fileURLToPath(new URL('../children/navien.mjs', import.meta.url)),
};
