import {
  ConfigurationError,
  checkOptionsObject,
  checkStringOption,
  type OptionKeys,
} from '@tokenwise/auth-core/vendor';
import { RESEARCH_DEFAULTS, VENDOR } from './constants.js';
import type { ReportPointOfView, ReportStyle, ReportTone } from './schemas.js';

/** What `submitResearch()` sends; everything but `url` has the upstream client's default. */
export interface ResearchRequest {
  /** The site to research, e.g. `https://example.com`. */
  url: string;
  /** Default `Company Research`. */
  title?: string;
  /** Default `Evrim Insights`. */
  description?: string;
  /** Default `NARRATIVE`. */
  style?: ReportStyle;
  /** Default `ANALYTICAL`. */
  tone?: ReportTone;
  /** Default `THIRD_PERSON`. Sent as `point_of_view`. */
  pointOfView?: ReportPointOfView;
}

const OWNER = 'submitResearch';
const KEYS = {
  url: true,
  title: true,
  description: true,
  style: true,
  tone: true,
  pointOfView: true,
} as const satisfies OptionKeys<ResearchRequest>;

/** The `POST /research/` body, in the server's field names, defaults filled in. */
export interface ResearchBody {
  url: string;
  title: string;
  description: string;
  style: string;
  tone: string;
  point_of_view: string;
}

/**
 * Checks a research request and builds its wire body. An unknown key (say
 * the Python name `point_of_view`), a non-string or an empty string is a
 * `ConfigurationError` naming the field, before anything is sent: the server
 * would store the default in its place, and the report would come out other
 * than asked.
 */
export function researchBody(request: ResearchRequest): ResearchBody {
  const fields = checkOptionsObject(request, OWNER, KEYS, VENDOR);
  const text = (key: keyof ResearchRequest) =>
    checkStringOption(fields[key], `${OWNER} option \`${key}\``, VENDOR);
  const url = text('url');
  if (url === undefined) {
    throw new ConfigurationError('submitResearch needs a non-empty "url"', { vendor: VENDOR });
  }
  return {
    url,
    title: text('title') ?? RESEARCH_DEFAULTS.title,
    description: text('description') ?? RESEARCH_DEFAULTS.description,
    style: text('style') ?? RESEARCH_DEFAULTS.style,
    tone: text('tone') ?? RESEARCH_DEFAULTS.tone,
    point_of_view: text('pointOfView') ?? RESEARCH_DEFAULTS.point_of_view,
  };
}
