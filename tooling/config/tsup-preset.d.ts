import type { Options } from 'tsup';

/** Build preset shared by all tokenwise packages (ESM + CJS with per-condition types). */
export declare function definePackageConfig(options: {
  entry: Record<string, string>;
  external?: string[];
  noExternal?: (string | RegExp)[];
}): Options | Options[];
