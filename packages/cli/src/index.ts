export type { CliIo } from './cli-io.js';
export type { StopSignal } from './commands/sandbox.js';
export { ExitCode } from './exit-codes.js';
export { type RunHooks, run } from './run.js';
export { VENDOR_IDS, type VendorId } from './vendors/vendor-adapter.js';
export { VERSION } from './version.js';
