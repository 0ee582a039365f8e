import { closestName } from './did-you-mean.js';
import { belongsToAccount } from './stored-sessions.js';
import { UsageError } from './usage-error.js';
import { VENDOR_IDS } from './vendors/vendor-adapter.js';

/** What a `logout` or `reset` command line names: one vendor (optionally one account), or `--all`. */
export interface CommandTarget {
  vendor?: string | undefined;
  account?: string | undefined;
  all?: boolean | undefined;
}

/**
 * Throws a usage error unless `target` names exactly one of a vendor or
 * `--all`, or when the vendor looks like a typo of a known one. Other names
 * pass: a store may hold sessions of vendors the CLI does not know.
 */
export function checkTarget(command: string, target: CommandTarget): void {
  if (!target.all && !target.vendor) throw new UsageError(`${command} needs a vendor (or --all)`);
  if (target.all && target.vendor) {
    throw new UsageError(`${command} takes either a vendor or --all, not both`);
  }
  const vendor = target.vendor?.toLowerCase();
  if (vendor !== undefined && !(VENDOR_IDS as readonly string[]).includes(vendor)) {
    const close = closestName(vendor, VENDOR_IDS);
    if (close !== undefined)
      throw new UsageError(`unknown vendor '${target.vendor}'; did you mean '${close}'?`);
  }
}

/** Whether a stored entry (session or back-off) is one the command line names. */
export function isTargeted(entry: { vendor: string; account: string }, target: CommandTarget): boolean {
  if (target.all) return true;
  return (
    entry.vendor === target.vendor &&
    (target.account === undefined || belongsToAccount(entry, target.account))
  );
}

/** "vesync demo@example.com", "vesync", "any vendor": what a command looked for, in its own words. */
export function describeTarget(target: CommandTarget): string {
  return target.all ? 'any vendor' : [target.vendor, target.account].filter(Boolean).join(' ');
}
