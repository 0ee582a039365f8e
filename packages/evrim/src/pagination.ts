import { type AuthorizedHttp, ResponseShapeError } from '@tokenwise/auth-core/vendor';
import type { z } from 'zod';
import { MAX_PAGES, VENDOR } from './constants.js';
import { type EvrimSession, listBodySchema } from './schemas.js';

interface PageRequest {
  path: string;
  searchParams?: Record<string, string>;
}

/**
 * Every item of a list endpoint. The recorded server sends bare arrays; if it
 * ever pages (DRF `{count, next, previous, results}`), the `next` links are
 * followed until the last page.
 */
export async function collectList<T>(
  http: AuthorizedHttp<EvrimSession>,
  baseUrl: string,
  path: string,
  item: z.ZodType<T>,
  signal: AbortSignal | undefined,
): Promise<T[]> {
  const schema = listBodySchema(item);
  const items: T[] = [];
  let request: PageRequest | undefined = { path };
  for (let page = 0; request !== undefined; page++) {
    if (page >= MAX_PAGES) {
      throw new ResponseShapeError(`Evrim kept paging ${path} past ${MAX_PAGES} pages`, { vendor: VENDOR });
    }
    const body = (await http.json(request.path, schema, {
      ...(request.searchParams ? { searchParams: request.searchParams } : {}),
      ...(signal ? { signal } : {}),
    })) as T[] | { next?: string | null; results: T[] };
    if (Array.isArray(body)) return body;
    items.push(...body.results);
    // An absent `next` ends the listing like `null` does.
    request = body.next == null ? undefined : nextPage(body.next, baseUrl, path);
  }
  return items;
}

/**
 * A `next` link as a path under the base URL. Only same-origin links are
 * followed: the bearer token must never go to a host the user did not name.
 * DRF behind API Gateway may build links without the stage prefix
 * (`/runs/?page=2` for `/prod/runs/`), so a same-origin link outside the base
 * path is re-rooted under it.
 */
function nextPage(next: string, baseUrl: string, path: string): PageRequest {
  const base = new URL(`${baseUrl}/`);
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    throw new ResponseShapeError(`Evrim sent an invalid next-page link for ${path}`, { vendor: VENDOR });
  }
  if (url.origin !== base.origin) {
    throw new ResponseShapeError(`Evrim sent a next-page link for ${path} to another host; not followed`, {
      vendor: VENDOR,
    });
  }
  const relative = url.pathname.startsWith(base.pathname)
    ? url.pathname.slice(base.pathname.length)
    : url.pathname.replace(/^\/+/, '');
  return { path: relative, searchParams: Object.fromEntries(url.searchParams) };
}
