import type { VendorAdapter } from './vendors/vendor-adapter.js';

/** A vendor login failed; carries the vendor so the error line can name it. */
export class LoginFailedError extends Error {
  override readonly name = 'LoginFailedError';
  readonly vendor: VendorAdapter;

  constructor(vendor: VendorAdapter, cause: unknown) {
    super(`${vendor.displayName} login failed`, { cause });
    this.vendor = vendor;
  }
}
