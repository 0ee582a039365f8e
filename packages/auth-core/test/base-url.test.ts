import { describe, expect, it } from 'vitest';
import { ConfigurationError, ErrorCodes } from '../src/errors.js';
import { baseUrlEnvName, checkBaseUrl, resolveBaseUrl } from '../src/kit/base-url.js';

const failure = (run: () => unknown): ConfigurationError => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return error as ConfigurationError;
  }
  throw new Error('expected a ConfigurationError');
};

describe('baseUrlEnvName', () => {
  it('names the vendor (and host) variable in upper case', () => {
    expect(baseUrlEnvName('evrim')).toBe('TOKENWISE_EVRIM_URL');
    expect(baseUrlEnvName('vesync', 'EU')).toBe('TOKENWISE_VESYNC_EU_URL');
    expect(baseUrlEnvName('my-vendor', 'us east')).toBe('TOKENWISE_MY_VENDOR_US_EAST_URL');
  });
});

describe('resolveBaseUrl', () => {
  const env = {
    TOKENWISE_EVRIM_URL: 'https://tokenwise.test',
    EVRIM_URL: 'https://seed.test',
    EVRIM_API_URL: 'https://seed-two.test',
  };
  const sources = {
    vendor: 'evrim',
    seedEnvNames: ['EVRIM_URL', 'EVRIM_API_URL'],
    defaultUrl: 'https://prod.test',
  };

  it('takes the option, then TOKENWISE_<VENDOR>_URL, then the seed variables in order, then the default', () => {
    expect(resolveBaseUrl({ ...sources, env, option: 'https://option.test' })).toBe('https://option.test');
    expect(resolveBaseUrl({ ...sources, env, option: undefined })).toBe('https://tokenwise.test');
    const { TOKENWISE_EVRIM_URL: _, ...seedOnly } = env;
    expect(resolveBaseUrl({ ...sources, env: seedOnly, option: undefined })).toBe('https://seed.test');
    expect(resolveBaseUrl({ ...sources, env: { EVRIM_API_URL: env.EVRIM_API_URL }, option: undefined })).toBe(
      'https://seed-two.test',
    );
    expect(resolveBaseUrl({ ...sources, env: {}, option: undefined })).toBe('https://prod.test');
  });

  it('reads process.env by default and honours a custom envName', () => {
    const name = 'TOKENWISE_BASEURLTEST_URL';
    process.env[name] = 'https://from-process.test/';
    try {
      expect(resolveBaseUrl({ vendor: 'baseurltest', option: undefined })).toBe('https://from-process.test');
    } finally {
      delete process.env[name];
    }
    expect(
      resolveBaseUrl({
        vendor: 'vesync',
        envName: baseUrlEnvName('vesync', 'EU'),
        env: { TOKENWISE_VESYNC_EU_URL: 'https://eu.test', TOKENWISE_VESYNC_URL: 'https://wrong.test' },
        option: undefined,
      }),
    ).toBe('https://eu.test');
  });

  it('ignores empty and whitespace-only variables and trims the others', () => {
    expect(
      resolveBaseUrl({
        ...sources,
        env: { TOKENWISE_EVRIM_URL: '', EVRIM_URL: '   ', EVRIM_API_URL: '  https://seed-two.test/  ' },
        option: undefined,
      }),
    ).toBe('https://seed-two.test');
  });

  it('trims trailing slashes and keeps a path', () => {
    const resolve = (option: string) => resolveBaseUrl({ vendor: 'evrim', option, env: {} });
    expect(resolve('https://api.test/')).toBe('https://api.test');
    expect(resolve('https://api.test//')).toBe('https://api.test');
    expect(resolve('https://api.test/v2/')).toBe('https://api.test/v2');
    expect(resolve('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
    expect(resolveBaseUrl({ vendor: 'evrim', option: new URL('https://api.test/x/'), env: {} })).toBe(
      'https://api.test/x',
    );
  });

  it('accepts http and https only', () => {
    for (const bad of [
      'ftp://api.test',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'api.test',
      '',
      42,
      null,
    ]) {
      const error = failure(() => resolveBaseUrl({ vendor: 'evrim', option: bad, env: {} }));
      expect(error.message).toContain('option `baseUrl`');
      expect(error.code).toBe(ErrorCodes.ConfigurationError);
      expect(error).toMatchObject({ vendor: 'evrim' });
    }
  });

  it('refuses credentials and never echoes the password', () => {
    for (const url of ['https://user:hunter2@api.test', 'https://hunter2@api.test']) {
      const error = failure(() => resolveBaseUrl({ vendor: 'evrim', option: url, env: {} }));
      expect(error.message).toContain('credentials');
      expect(error.message).not.toContain('hunter2');
    }
    const fromEnv = failure(() =>
      resolveBaseUrl({
        vendor: 'evrim',
        option: undefined,
        env: { TOKENWISE_EVRIM_URL: 'https://u:hunter2@x.test' },
      }),
    );
    expect(fromEnv.message).toContain('TOKENWISE_EVRIM_URL');
    expect(fromEnv.message).not.toContain('hunter2');
  });

  it('refuses a query string or a fragment', () => {
    for (const url of ['https://api.test/?key=hunter2', 'https://api.test?', 'https://api.test/#frag']) {
      const error = failure(() => resolveBaseUrl({ vendor: 'evrim', option: url, env: {} }));
      expect(error.message).toContain('query string or fragment');
      expect(error.message).not.toContain('hunter2');
    }
  });

  it('refuses an empty fragment (a bare trailing #) as it refuses a bare ?', () => {
    for (const url of ['https://api.test/#', 'https://api.test#']) {
      const error = failure(() => resolveBaseUrl({ vendor: 'evrim', option: url, env: {} }));
      expect(error.message).toContain('query string or fragment');
      expect(error.message).not.toContain('hunter2');
    }
  });

  it('without any source or default, names the option and the variable', () => {
    const error = failure(() =>
      resolveBaseUrl({ vendor: 'evrim', option: undefined, optionName: 'Evrim option `baseUrl`', env: {} }),
    );
    expect(error.message).toContain('Evrim option `baseUrl`');
    expect(error.message).toContain('TOKENWISE_EVRIM_URL');
    expect(error).toMatchObject({ vendor: 'evrim' });
  });

  it('checkBaseUrl names where the value came from', () => {
    expect(failure(() => checkBaseUrl('nope', 'VeSync option `baseUrl.eu`', 'vesync')).message).toContain(
      'VeSync option `baseUrl.eu`',
    );
    expect(checkBaseUrl('https://a.test/', 'x')).toBe('https://a.test');
  });
});
