import { readFileSync } from 'node:fs';
import { definePackageConfig } from '@tokenwise/config/tsup';
import { defineConfig, type Options } from 'tsup';

const preset = definePackageConfig({ entry: { index: 'src/index.ts' } });
// Both builds write to dist/ at the same time: the library's clean must spare the executable.
const library = (Array.isArray(preset) ? preset : [preset]).map(
  (options): Options => ({ ...options, clean: ['!bin.js', '!bin.js.map'] }),
);

export default defineConfig([
  ...library,
  {
    // The executable: ESM only (nothing require()s it), no declarations, a shebang.
    entry: { bin: 'src/bin.ts' },
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    sourcemap: true,
    clean: false,
    dts: false,
    splitting: false,
    banner: { js: '#!/usr/bin/env node' },
    define: {
      __TOKENWISE_VERSION__: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version),
    },
  },
]);
