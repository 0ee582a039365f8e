// @ts-check
import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

/**
 * One build shape for every tokenwise package: ESM + CJS, a declaration file per
 * condition (.d.ts / .d.cts) so arethetypeswrong resolves both, and the package
 * version injected as __TOKENWISE_VERSION__ for User-Agent strings.
 *
 * @param {{ entry: Record<string, string>, external?: string[], noExternal?: (string|RegExp)[] }} options
 */
export function definePackageConfig(options) {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  return defineConfig({
    entry: options.entry,
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    platform: 'node',
    splitting: true,
    treeshake: true,
    shims: false,
    // Keep `node:` specifiers: they cannot be shadowed by an npm package of the same name.
    removeNodeProtocol: false,
    external: options.external ?? [],
    noExternal: options.noExternal ?? [],
    define: { __TOKENWISE_VERSION__: JSON.stringify(pkg.version) },
  });
}
