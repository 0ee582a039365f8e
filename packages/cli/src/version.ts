declare const __TOKENWISE_VERSION__: string | undefined;

/** This package's version, injected at build time. */
export const VERSION: string =
  typeof __TOKENWISE_VERSION__ === 'string' ? __TOKENWISE_VERSION__ : '0.0.0-dev';
