import { cozifyAdapter } from './cozify.js';
import { evohomeAdapter } from './evohome.js';
import { evrimAdapter } from './evrim.js';
import { navienAdapter } from './navien.js';
import { tadoAdapter } from './tado.js';
import type { VendorAdapter, VendorId } from './vendor-adapter.js';
import { vesyncAdapter } from './vesync.js';

/** Every vendor, in the order the sandbox assigns ports. */
export const VENDORS: Readonly<Record<VendorId, VendorAdapter>> = {
  evohome: evohomeAdapter,
  evrim: evrimAdapter,
  vesync: vesyncAdapter,
  navien: navienAdapter,
  cozify: cozifyAdapter,
  tado: tadoAdapter,
};
