import { definePackageConfig } from '@tokenwise/config/tsup';

export default definePackageConfig({
  entry: {
    index: 'src/index.ts',
    vendor: 'src/vendor.ts',
    testing: 'src/testing/index.ts',
    'testing-msw': 'src/testing/msw-handlers.ts',
    'mock-kit': 'src/mock-kit.ts',
    'reference-kit': 'src/reference-kit.ts',
  },
  external: ['vitest', 'msw'],
});
