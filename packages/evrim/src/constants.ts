/**
 * The production Evrim API, as used by the upstream client's CI; the default
 * base URL. Token endpoints sit directly under it.
 */
export const EVRIM_PRODUCTION_URL = 'https://api.evrim.ai/prod';

/** Vendor name: first half of every store key. */
export const VENDOR = 'evrim';

/**
 * Environment variables the client falls back to, in the upstream README's
 * names. `url` is read after the tokenwise-wide `TOKENWISE_EVRIM_URL`.
 */
export const ENV = {
  url: 'EVRIM_URL',
  username: 'EVRIM_USERNAME',
  password: 'EVRIM_PASSWORD',
  token: 'EVRIM_TOKEN',
  refreshToken: 'EVRIM_REFRESH_TOKEN',
} as const;

/**
 * Paths relative to the base URL. The trailing slashes matter: Django's
 * APPEND_SLASH answers a slash-less path with a 301 (recorded on `/runs`), and
 * cannot redirect a POST at all.
 */
export const PATHS = {
  token: 'token/',
  refresh: 'token/refresh/',
  verify: 'token/verify/',
  research: 'research/',
  reports: 'reports/',
  runs: 'runs/',
  tasks: 'tasks/',
  sections: 'sections/',
  paragraphs: 'paragraphs/',
  generate: 'generate/',
} as const;

/** simplejwt defaults, confirmed by the recorded tokens: access 5 min, refresh 1 day. */
export const ACCESS_TOKEN_LIFETIME_MS = 300_000;
/** See {@link ACCESS_TOKEN_LIFETIME_MS}. */
export const REFRESH_TOKEN_LIFETIME_MS = 86_400_000;

/** The upstream client's defaults for `submit_research`. */
export const RESEARCH_DEFAULTS = {
  title: 'Company Research',
  description: 'Evrim Insights',
  style: 'NARRATIVE',
  tone: 'ANALYTICAL',
  point_of_view: 'THIRD_PERSON',
} as const;

/** Stops a misbehaving paginated listing from looping forever. */
export const MAX_PAGES = 1_000;

/** Largest generated PDF/DOCX read (100 MiB); JSON answers keep core's 10 MiB limit. */
export const DOCUMENT_MAX_BYTES = 100 * 1024 * 1024;
