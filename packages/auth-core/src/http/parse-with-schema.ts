import type { z } from 'zod';
import { ResponseShapeError } from '../errors.js';
import { toShapeIssues } from './shape-issues.js';

/** Validates `data` with `schema`, or throws {@link ResponseShapeError} naming what differed (no values). */
export function parseWithSchema<T>(schema: z.ZodType<T>, data: unknown, what: string, vendor?: string): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issues = toShapeIssues(result.error);
  const first = issues[0];
  throw new ResponseShapeError(
    `Unexpected ${what} from ${vendor ?? 'the vendor'}${first ? `: ${first.path}: ${first.message}` : ''}`,
    { issues, ...(vendor === undefined ? {} : { vendor }) },
  );
}
