import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = (file: string) => fileURLToPath(new URL(`../dist/${file}`, import.meta.url));
const load = async (file: string) => Object.keys(await import(dist(file)));

const VENDOR_ONLY = [
  'SessionManager',
  'AuthorizedHttp',
  'requestJson',
  'KeyMutex',
  'Emitter',
  'checkOptionsObject',
];
const ERROR_CLASSES = [
  'AbortError',
  'ApiError',
  'AuthenticationError',
  'ClientClosedError',
  'ConfigurationError',
  'InvalidCredentialsError',
  'NetworkError',
  'NotFoundError',
  'OtpRequiredError',
  'RateLimitError',
  'ResponseShapeError',
  'ResponseTooLargeError',
  'StoreError',
  'TimeoutError',
  'TokenExpiredError',
  'TokenRefreshError',
  'TokenwiseError',
];

describe('the built entry points (dist)', () => {
  it('is built', () => {
    for (const file of ['index.js', 'vendor.js', 'mock-kit.js', 'reference-kit.js']) {
      expect(existsSync(dist(file)), file).toBe(true);
    }
  });

  it('the root is the user face: errors, stores, Secret; none of the vendor-only pieces', async () => {
    const root = await load('index.js');
    for (const name of [
      'FileStore',
      'MemoryStore',
      'Secret',
      'isTokenwiseError',
      'ErrorCodes',
      ...ERROR_CLASSES,
    ]) {
      expect(root, name).toContain(name);
    }
    for (const name of VENDOR_ONLY) expect(root, name).not.toContain(name);
  });

  it('every error class of errors.ts is on the root', async () => {
    const errors = await import('../src/errors.js');
    const classes = Object.entries(errors)
      .filter(([, value]) => typeof value === 'function' && /Error$/.test(value.name))
      .map(([name]) => name);
    expect(classes.length).toBeGreaterThanOrEqual(ERROR_CLASSES.length);
    const root = await load('index.js');
    for (const name of classes) expect(root, name).toContain(name);
  });

  it('/vendor exports everything the root does, plus the vendor-only pieces and the kit', async () => {
    const root = await load('index.js');
    const vendor = await load('vendor.js');
    for (const name of root) expect(vendor, name).toContain(name);
    for (const name of [
      ...VENDOR_ONLY,
      'ClientLifecycle',
      'checkClientOptions',
      'resolveBaseUrl',
      'baseUrlEnvName',
      'checkSecretOption',
      'checkEmailOption',
    ]) {
      expect(vendor, name).toContain(name);
    }
  });

  it('/mock is the mock base only, without the reference vendor', async () => {
    const mock = await load('mock-kit.js');
    for (const name of [
      'MockCloud',
      'mockCloudCounts',
      'MockTokens',
      'fakeJwt',
      'verifyFakeJwt',
      'FakeClock',
      'handlerFetch',
      'jsonResponse',
      'startLoopbackServer',
    ]) {
      expect(mock, name).toContain(name);
    }
    for (const name of ['ReferenceCloud', 'ReferenceClient', 'runProcesses', 'SessionManager']) {
      expect(mock, name).not.toContain(name);
    }
  });

  it('/reference holds the reference vendor and the process runner', async () => {
    const reference = await load('reference-kit.js');
    for (const name of ['ReferenceCloud', 'ReferenceClient', 'runProcesses', 'createReferenceStrategy']) {
      expect(reference, name).toContain(name);
    }
  });

  it('the package exports map points at those files', async () => {
    const { createRequire } = await import('node:module');
    const pkg = createRequire(import.meta.url)('../package.json') as {
      exports: Record<string, { import?: { default?: string } | string }>;
    };
    const target = (entry: string) => {
      const spec = pkg.exports[entry]?.import;
      return typeof spec === 'string' ? spec : spec?.default;
    };
    expect(target('.')).toBe('./dist/index.js');
    expect(target('./vendor')).toBe('./dist/vendor.js');
    expect(target('./mock')).toBe('./dist/mock-kit.js');
    expect(target('./reference')).toBe('./dist/reference-kit.js');
  });
});

describe('the CommonJS entry points (dist)', () => {
  it('expose the same names as their ESM twins', async () => {
    const { createRequire } = await import('node:module');
    const require = createRequire(import.meta.url);
    for (const [esm, cjs] of [
      ['index.js', 'index.cjs'],
      ['vendor.js', 'vendor.cjs'],
      ['mock-kit.js', 'mock-kit.cjs'],
      ['reference-kit.js', 'reference-kit.cjs'],
    ] as const) {
      const names = (await load(esm)).filter((name) => name !== 'default').sort();
      const required = Object.keys(require(dist(cjs)) as object)
        .filter((name) => name !== 'default' && name !== '__esModule')
        .sort();
      expect(required, cjs).toEqual(names);
    }
  });
});
