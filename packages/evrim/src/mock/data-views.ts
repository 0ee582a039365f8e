import { randomUUID } from 'node:crypto';
import type { Clock } from '@tokenwise/auth-core/vendor';
import { RESEARCH_DEFAULTS } from '../constants.js';
import type { Task } from '../schemas.js';
import { type EvrimDataset, pythonJsonDumps } from './demo-data.js';
import { djangoNotFound, drfJson, fieldErrors, methodNotAllowed, noMatch } from './drf-responses.js';
import type { ResearchInput } from './report-writer.js';
import { ResearchDesk } from './research-desk.js';

const LIST_ALLOW = 'GET, POST, HEAD, OPTIONS';
const DETAIL_ALLOW = 'GET, PUT, PATCH, DELETE, HEAD, OPTIONS';
const RESEARCH_ALLOW = 'POST, OPTIONS';
const GENERATE_ALLOW = 'GET, HEAD, OPTIONS';

/** Model names as the recorded 404s spell them (`No ReportV2 matches the given query.`). */
const MODELS = {
  reports: 'ReportV2',
  runs: 'CrewRunV2',
  tasks: 'TaskV2',
  sections: 'SectionV2',
  paragraphs: 'ParagraphV2',
} as const;

type Collection = keyof typeof MODELS;

/** The protected views: lists, details, research submission and document generation. */
export class DataViews {
  readonly #data: EvrimDataset;
  readonly #pageSize: number | undefined;
  readonly #clock: Clock;
  /** Submitted research on its way to a run and a report. */
  readonly desk: ResearchDesk;
  #nextEventId = 100;

  /**
   * @param pageSize turns on DRF page-number pagination; off (bare arrays) like the recorded server.
   * @param researchDurationMs how long submitted research stays pending.
   */
  constructor(data: EvrimDataset, pageSize: number | undefined, clock: Clock, researchDurationMs = 0) {
    this.#data = data;
    this.#pageSize = pageSize;
    this.#clock = clock;
    this.desk = new ResearchDesk(data, clock, researchDurationMs);
  }

  /** Serves `resource` + `rest` (e.g. `reports`, `/1/`) for an authenticated user. */
  async handle(resource: string, rest: string, request: Request, userId: number): Promise<Response> {
    // Research that finished since the last request shows up in this one.
    this.desk.settle();
    if (resource === 'research') return this.#research(request, userId, rest);
    if (resource === 'generate') return this.#generate(request, rest);
    if (!(resource in MODELS)) return djangoNotFound();
    const collection = resource as Collection;
    if (rest === '/') {
      if (request.method !== 'GET') return methodNotAllowed(request.method, LIST_ALLOW);
      return this.#list(request, [...this.#items(collection).values()]);
    }
    const id = /^\/([^/]+)\/$/.exec(rest)?.[1];
    if (id === undefined) return djangoNotFound();
    if (request.method !== 'GET') return methodNotAllowed(request.method, DETAIL_ALLOW);
    const key = collection === 'tasks' ? decodeURIComponent(id) : Number(id);
    if (collection !== 'tasks' && !/^\d+$/.test(id)) return djangoNotFound();
    const item = (this.#items(collection) as Map<unknown, unknown>).get(key);
    return item === undefined ? noMatch(MODELS[collection], DETAIL_ALLOW) : drfJson(item, 200, DETAIL_ALLOW);
  }

  #items(collection: Collection): Map<number | string, unknown> {
    return this.#data[collection] as Map<number | string, unknown>;
  }

  #list(request: Request, items: unknown[]): Response {
    const size = this.#pageSize;
    if (size === undefined) return drfJson(items, 200, LIST_ALLOW);
    const url = new URL(request.url);
    const page = Number(url.searchParams.get('page') ?? '1');
    const pages = Math.max(1, Math.ceil(items.length / size));
    if (!Number.isInteger(page) || page < 1 || page > pages) {
      return drfJson({ detail: 'Invalid page.' }, 404, LIST_ALLOW);
    }
    const link = (n: number) => {
      const target = new URL(url);
      if (n === 1) target.searchParams.delete('page');
      else target.searchParams.set('page', String(n));
      return target.toString();
    };
    return drfJson(
      {
        count: items.length,
        next: page < pages ? link(page + 1) : null,
        previous: page > 1 ? link(page - 1) : null,
        results: items.slice((page - 1) * size, page * size),
      },
      200,
      LIST_ALLOW,
    );
  }

  async #research(request: Request, userId: number, rest: string): Promise<Response> {
    if (rest !== '/') return djangoNotFound();
    if (request.method !== 'POST') return methodNotAllowed(request.method, RESEARCH_ALLOW);
    const body = (await request.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    if (body === undefined || typeof body !== 'object' || body === null) {
      return drfJson(
        { detail: 'JSON parse error - Expecting value: line 1 column 1 (char 0)' },
        400,
        RESEARCH_ALLOW,
      );
    }
    if (typeof body.url !== 'string' || body.url === '') {
      return fieldErrors({ url: 'This field is required.' }, RESEARCH_ALLOW);
    }
    if (!URL.canParse(body.url)) return fieldErrors({ url: 'Enter a valid URL.' }, RESEARCH_ALLOW);
    const text = (name: keyof typeof RESEARCH_DEFAULTS) =>
      typeof body[name] === 'string' ? (body[name] as string) : RESEARCH_DEFAULTS[name];
    const input: ResearchInput = {
      url: body.url,
      title: text('title'),
      description: text('description'),
      style: text('style'),
      tone: text('tone'),
      point_of_view: text('point_of_view'),
    };
    const task: Task = {
      task_id: randomUUID(),
      event: { id: this.#nextEventId++, input: pythonJsonDumps(input) },
      // Django's microsecond ISO form, on the cloud's clock (recorded: 2024-09-15T18:02:16.417615Z).
      created_at: new Date(this.#clock.now()).toISOString().replace('Z', '000Z'),
      status: 'P',
      created_by: userId,
    };
    this.#data.tasks.set(task.task_id, task);
    // Serialised now: the answer shows the task as created (pending), whatever happens next.
    const created = drfJson(task, 201, RESEARCH_ALLOW);
    this.desk.submit(task, input);
    return created;
  }

  #generate(request: Request, rest: string): Response {
    const match = /^\/(\d+)\/(pdf|docx)\/$/.exec(rest);
    if (!match) return djangoNotFound();
    if (request.method !== 'GET') return methodNotAllowed(request.method, GENERATE_ALLOW);
    const report = this.#data.reports.get(Number(match[1]));
    if (report === undefined) return noMatch(MODELS.reports, GENERATE_ALLOW);
    const pdf = match[2] === 'pdf';
    const title = report.report?.title ?? `Report ${report.id}`;
    const content = pdf ? minimalPdf(title) : zipLike(title);
    return new Response(content, {
      status: 200,
      headers: {
        'content-type': pdf
          ? 'application/pdf'
          : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'content-disposition': `attachment; filename="report.${pdf ? 'pdf' : 'docx'}"`,
        allow: GENERATE_ALLOW,
        server: 'gunicorn',
        vary: 'Accept, origin',
      },
    });
  }
}

/** Bytes that start and end like a PDF, so callers can check the magic number. */
function minimalPdf(title: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(`%PDF-1.4\n% ${title.replace(/[^\x20-\x7e]/g, '?')}\n%%EOF\n`);
}

/** Bytes with the ZIP local-file magic a DOCX starts with. */
function zipLike(title: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new TextEncoder().encode(title)]);
}
