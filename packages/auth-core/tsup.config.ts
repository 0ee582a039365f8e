import { definePackageConfig } from '@tokenwise/config/tsup';

export default definePackageConfig({
  entry: { index: 'src/index.ts', testing: 'src/testing/index.ts' },
  external: ['vitest', 'msw'],
});
