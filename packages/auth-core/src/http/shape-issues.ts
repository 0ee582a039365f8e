import type { z } from 'zod';
import type { ShapeIssue } from '../errors.js';

/** zod issues reduced to path + message: never the offending values, which may be secrets. */
export function toShapeIssues(error: z.ZodError): ShapeIssue[] {
  return error.issues.slice(0, 20).map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
}
