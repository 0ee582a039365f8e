import { definePackageConfig } from '@tokenwise/config/tsup';

export default definePackageConfig({
  entry: { index: 'src/index.ts', mock: 'src/mock/index.ts' },
});
