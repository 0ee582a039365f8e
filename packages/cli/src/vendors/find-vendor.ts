import { didYouMean } from '../did-you-mean.js';
import { UsageError } from '../usage-error.js';
import { VENDORS } from './index.js';
import { VENDOR_IDS, type VendorAdapter, type VendorId } from './vendor-adapter.js';

/** The adapter for a vendor named on the command line, or a usage error listing the known ones. */
export function findVendor(name: string | undefined, command: string): VendorAdapter {
  if (name === undefined) throw new UsageError(`${command} needs a vendor: ${VENDOR_IDS.join(', ')}`);
  const id = name.toLowerCase();
  if (!isVendorId(id)) {
    throw new UsageError(
      `unknown vendor '${name}' (known: ${VENDOR_IDS.join(', ')})${didYouMean(id, VENDOR_IDS)}`,
    );
  }
  return VENDORS[id];
}

function isVendorId(value: string): value is VendorId {
  return (VENDOR_IDS as readonly string[]).includes(value);
}
