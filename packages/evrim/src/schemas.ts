import { sessionBaseSchema } from '@tokenwise/auth-core/vendor';
import { z } from 'zod';
import { tolerantEnum, tolerantListOrNull, tolerantNumber, tolerantText } from './tolerant.js';

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

/**
 * The simplejwt / DRF error envelope; field errors come as `{ field: [messages] }` instead.
 * `detail` and `code` go into error messages; `messages` is only passed over, so it may drift.
 */
export const errorBodySchema = z.object({
  detail: z.string(),
  code: z.string().optional(),
  messages: z.unknown().optional(),
});

/*
 * The data resources. Strict: the ids the SDK builds paths from or matches on
 * (`id`, `task_id`) and the lists that hold typed children (a report's
 * sections, a section's paragraphs, a run's tasks) — without them a value is
 * not what its type says. Tolerant (see tolerant.ts): everything the SDK only
 * passes through — text, enum values, dates, counts, sources, images — so
 * drift there never fails a call. Unknown fields are dropped.
 */

// The known values are spelled out in each type rather than derived from the
// list with `typeof`: the API reference shows the values, and the lists stay
// out of the public surface. Keep each list in step with its type.

/** A research task's state: `P` pending, `C` complete, or a state this SDK does not know yet. */
export type TaskStatus = 'P' | 'C' | (string & {});
/** A report's writing style: `NARRATIVE`, or one this SDK does not know yet. */
export type ReportStyle = 'NARRATIVE' | (string & {});
/** A report's tone: `ANALYTICAL`, or one this SDK does not know yet. */
export type ReportTone = 'ANALYTICAL' | (string & {});
/** A report's point of view: `THIRD_PERSON`, or one this SDK does not know yet. */
export type ReportPointOfView = 'THIRD_PERSON' | (string & {});

/** Task states seen so far: `P` pending, `C` complete. Others pass through as strings. */
export const TASK_STATUSES = ['P', 'C'] as const satisfies readonly TaskStatus[];
/** Writing styles seen so far (`style`); others pass through. */
export const REPORT_STYLES = ['NARRATIVE'] as const satisfies readonly ReportStyle[];
/** Tones seen so far (`tone`); others pass through. */
export const REPORT_TONES = ['ANALYTICAL'] as const satisfies readonly ReportTone[];
/** Points of view seen so far (`point_of_view`); others pass through. */
export const REPORT_POINTS_OF_VIEW = ['THIRD_PERSON'] as const satisfies readonly ReportPointOfView[];

/** The research job behind a report. `event.input` is the submitted form as a JSON string. */
export const taskSchema = z.object({
  task_id: z.string().min(1),
  event: z.object({ id: tolerantNumber, input: tolerantText }).nullable().catch(null),
  /** Django's ISO time with microseconds, e.g. `2024-09-15T18:02:16.417615Z`. */
  created_at: tolerantText,
  status: tolerantEnum(TASK_STATUSES),
  /** The submitting user's id. */
  created_by: tolerantNumber,
});

/**
 * A research task.
 *
 * @useDeclaredType
 */
export type Task = z.infer<typeof taskSchema>;

/** A paragraph of a report section; the recordings have `title: null` and `images: null`. */
export const paragraphSchema = z.object({
  id: z.number().int(),
  title: tolerantText,
  sentences: tolerantListOrNull(z.string()),
  images: tolerantListOrNull(z.record(z.string(), z.unknown())),
});

/**
 * A report paragraph.
 *
 * @useDeclaredType
 */
export type Paragraph = z.infer<typeof paragraphSchema>;

/** A report section. */
export const sectionSchema = z.object({
  id: z.number().int(),
  title: tolerantText,
  paragraphs: z.array(paragraphSchema),
  /** Source URLs; recorded as `null` or a list. */
  sources: tolerantListOrNull(z.string()),
  tone: tolerantEnum(REPORT_TONES),
  style: tolerantEnum(REPORT_STYLES),
  point_of_view: tolerantEnum(REPORT_POINTS_OF_VIEW),
});

/**
 * A report section.
 *
 * @useDeclaredType
 */
export type Section = z.infer<typeof sectionSchema>;

/** One agent step of a crew run. */
export const runTaskSchema = z.object({
  id: z.number().int(),
  agent_role: tolerantText,
  description: tolerantText,
  result: tolerantText,
  name: tolerantText,
  /** The report section this step wrote, when it wrote one. */
  section_name: tolerantText,
});

/**
 * One agent step of a crew run.
 *
 * @useDeclaredType
 */
export type RunTask = z.infer<typeof runTaskSchema>;

/** A crew run: the agents' steps and the combined result. */
export const runSchema = z.object({
  id: z.number().int(),
  tasks: z.array(runTaskSchema),
  result: tolerantText,
});

/**
 * A crew run.
 *
 * @useDeclaredType
 */
export type Run = z.infer<typeof runSchema>;

/** The written report inside a {@link Report}; `task` is the research that asked for it. */
export const reportBodySchema = z.object({
  id: z.number().int(),
  task: taskSchema.nullish().transform((task) => task ?? null),
  title: tolerantText,
  description: tolerantText,
  sections: z.array(sectionSchema),
});

/**
 * The written report inside a {@link Report}.
 *
 * @useDeclaredType
 */
export type ReportBody = z.infer<typeof reportBodySchema>;

/** `GET /reports/{id}/`: the report, the run that wrote it and the raw agent outputs. */
export const reportSchema = z.object({
  id: z.number().int(),
  report: reportBodySchema.nullish().transform((body) => body ?? null),
  crew_run: runSchema.nullish().transform((run) => run ?? null),
  raw: tolerantListOrNull(z.string()),
});

/**
 * A report with its run.
 *
 * @useDeclaredType
 */
export type Report = z.infer<typeof reportSchema>;

/**
 * A list endpoint's body: a bare array (what the recorded server sends) or,
 * should the server turn on DRF page-number pagination, one page of it.
 * `next` is followed, so it is strict; `count` and `previous` are not read.
 */
export function listBodySchema<T>(item: z.ZodType<T>) {
  return z.union([
    z.array(item),
    z.object({
      count: tolerantNumber,
      next: z.string().nullish(),
      previous: tolerantText,
      results: z.array(item),
    }),
  ]);
}
