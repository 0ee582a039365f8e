import { sessionBaseSchema } from '@tokenwise/auth-core/vendor';
import { z } from 'zod';

/** A session as stored: the simplejwt access/refresh pair plus when each stops working. */
export const evrimSessionSchema = sessionBaseSchema.extend({
  vendor: z.literal('evrim'),
  accessToken: z.string().min(1),
  /** Absent for sessions built from an access token alone. */
  refreshToken: z.string().min(1).optional(),
  /** The refresh token's `exp`, epoch ms; lets renewal skip a refresh that cannot succeed. */
  refreshExpiresAt: z.number().finite().optional(),
});

/** A stored Evrim session. */
export type EvrimSession = z.infer<typeof evrimSessionSchema>;

/** `POST /token/` 200: simplejwt's `TokenObtainPairView`. */
export const tokenPairSchema = z.object({ refresh: z.string().min(1), access: z.string().min(1) });

/** `POST /token/refresh/` 200: `refresh` appears only when the server rotates refresh tokens. */
export const refreshResponseSchema = z.object({
  access: z.string().min(1),
  refresh: z.string().min(1).optional(),
});

/** `POST /token/verify/` 200 is an empty object. */
export const verifyResponseSchema = z.object({});

/** The simplejwt / DRF error envelope; field errors come as `{ field: [messages] }` instead. */
export const errorBodySchema = z.object({
  detail: z.string(),
  code: z.string().optional(),
  messages: z
    .array(z.object({ token_class: z.string(), token_type: z.string(), message: z.string() }))
    .optional(),
});

/** The research job behind a report. `event.input` is the submitted form as a JSON string. */
export const taskSchema = z.object({
  task_id: z.string().min(1),
  event: z.object({ id: z.number().int(), input: z.string() }),
  created_at: z.string(),
  /** `P` pending; `C` complete. */
  status: z.string(),
  created_by: z.number().int(),
});

/** A research task. */
export type Task = z.infer<typeof taskSchema>;

/** A paragraph of a report section; the recordings have `title: null` and `images: null`. */
export const paragraphSchema = z.object({
  id: z.number().int(),
  title: z.string().nullish(),
  sentences: z.array(z.string()),
  images: z.array(z.record(z.string(), z.unknown())).nullish(),
});

/** A report paragraph. */
export type Paragraph = z.infer<typeof paragraphSchema>;

/** A report section. */
export const sectionSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  paragraphs: z.array(paragraphSchema),
  sources: z.array(z.string()).nullish(),
  tone: z.string(),
  style: z.string(),
  point_of_view: z.string(),
});

/** A report section. */
export type Section = z.infer<typeof sectionSchema>;

/** One agent step of a crew run. */
export const runTaskSchema = z.object({
  id: z.number().int(),
  agent_role: z.string(),
  description: z.string(),
  result: z.string(),
  name: z.string(),
  section_name: z.string().nullish(),
});

/** One agent step of a crew run. */
export type RunTask = z.infer<typeof runTaskSchema>;

/** A crew run: the agents' steps and the combined result. */
export const runSchema = z.object({
  id: z.number().int(),
  tasks: z.array(runTaskSchema),
  result: z.string(),
});

/** A crew run. */
export type Run = z.infer<typeof runSchema>;

/** The written report inside a {@link Report}. */
export const reportBodySchema = z.object({
  id: z.number().int(),
  task: taskSchema,
  title: z.string(),
  description: z.string(),
  sections: z.array(sectionSchema),
});

/** `GET /reports/{id}/`: the report, the run that wrote it and the raw agent outputs. */
export const reportSchema = z.object({
  id: z.number().int(),
  report: reportBodySchema.nullish(),
  crew_run: runSchema.nullish(),
  raw: z.array(z.string()).nullish(),
});

/** A report with its run. */
export type Report = z.infer<typeof reportSchema>;

/**
 * A list endpoint's body: a bare array (what the recorded server sends) or,
 * should the server turn on DRF page-number pagination, one page of it.
 */
export function listBodySchema<T>(item: z.ZodType<T>) {
  return z.union([
    z.array(item),
    z.object({
      count: z.number().int().nonnegative(),
      next: z.string().nullable(),
      previous: z.string().nullable(),
      results: z.array(item),
    }),
  ]);
}
