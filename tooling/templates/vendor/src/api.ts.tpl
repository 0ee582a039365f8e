import type { AuthorizedHttp } from '@tokenwise/auth-core/vendor';
import { PATHS } from './constants.js';
import { type __Vendor__Item, type __Vendor__Session, itemsResponseSchema } from './schemas.js';

/** Options of a data call. */
export interface CallSignalOptions {
  /** Abandons the call. */
  signal?: AbortSignal | undefined;
}

/** `GET api/items`: the account's items. Placeholder for the vendor's first real data call. */
export async function listItems(
  http: AuthorizedHttp<__Vendor__Session>,
  options: CallSignalOptions = {},
): Promise<__Vendor__Item[]> {
  const body = await http.json(PATHS.items, itemsResponseSchema, options.signal ? { signal: options.signal } : {});
  return body.items;
}
