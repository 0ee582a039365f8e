// TODO(tado): replace the placeholders below with the values of the vendor's wire reference.

/** The vendor's name in errors, events and store keys. */
export const VENDOR = 'tado';

/** Production base URL. Placeholder: put the vendor's real API host here. */
export const TADO_PRODUCTION_URL = 'https://api.tado.example';

/** Paths relative to the base URL: the placeholder password + refresh-token flow. */
export const PATHS = {
  login: 'auth/login',
  refresh: 'auth/refresh',
  me: 'api/me',
  items: 'api/items',
} as const;
