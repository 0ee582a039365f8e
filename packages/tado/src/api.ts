import type { AuthorizedHttp } from '@tokenwise/auth-core/vendor';
import { PATHS } from './constants.js';
import { itemsResponseSchema, type TadoItem, type TadoSession } from './schemas.js';

/** Options of a data call. */
export interface CallSignalOptions {
  /** Abandons the call. */
  signal?: AbortSignal | undefined;
}

/** `GET api/items`: the account's items. Placeholder for the vendor's first real data call. */
export async function listItems(
  http: AuthorizedHttp<TadoSession>,
  options: CallSignalOptions = {},
): Promise<TadoItem[]> {
  const body = await http.json(
    PATHS.items,
    itemsResponseSchema,
    options.signal ? { signal: options.signal } : {},
  );
  return body.items;
}
