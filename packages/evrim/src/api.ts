import { type AuthorizedHttp, ConfigurationError, checkSignalOption } from '@tokenwise/auth-core/vendor';
import type { z } from 'zod';
import { DOCUMENT_MAX_BYTES, PATHS, VENDOR } from './constants.js';
import { filenameFromContentDisposition } from './content-disposition.js';
import { collectList } from './pagination.js';
import { type ResearchRequest, researchBody } from './research-request.js';
import {
  type EvrimSession,
  type Paragraph,
  paragraphSchema,
  type Report,
  type Run,
  reportSchema,
  runSchema,
  type Section,
  sectionSchema,
  type Task,
  taskSchema,
} from './schemas.js';

/** A generated PDF or DOCX: the bytes and the name the server gave them. */
export interface GeneratedDocument {
  /** File contents. */
  content: Uint8Array;
  /** From `Content-Disposition` (a bare name, safe to join to a folder), else `report-<id>.<format>`. */
  filename: string;
  /** The response's `Content-Type`. */
  contentType: string;
}

/** Options every data call accepts. */
export interface RequestOptions {
  /** Detaches this call; a renewal other calls wait on carries on. */
  signal?: AbortSignal;
}

/**
 * The Evrim data calls, typed and validated. Every call carries a valid
 * access token; a 401 renews the session once and replays the call.
 */
export class EvrimApi {
  readonly #http: AuthorizedHttp<EvrimSession>;
  readonly #baseUrl: string;
  readonly #assertOpen: () => void;

  /**
   * @param http authorizes every call; @param baseUrl the resolved base URL.
   * @param assertOpen throws when the owner is closed, before a call starts.
   */
  constructor(http: AuthorizedHttp<EvrimSession>, baseUrl: string, assertOpen: () => void = () => {}) {
    this.#http = http;
    this.#baseUrl = baseUrl;
    this.#assertOpen = assertOpen;
  }

  // Every data call goes through here, so none is sent once the client is closed.
  #open(): AuthorizedHttp<EvrimSession> {
    this.#assertOpen();
    return this.#http;
  }

  /**
   * Starts a research job (`POST /research/`) and resolves with the task the
   * server created (HTTP 201; `status` `P` while the crew works). Follow it
   * with {@link EvrimApi.task} and {@link EvrimApi.reportForTask}. A missing
   * `url`, an unknown key or a non-string field is a `ConfigurationError`
   * before any request; a 400 field error
   * (e.g. `url: ["Enter a valid URL."]`) an `ApiError` with `vendorCode` `invalid`.
   */
  async submitResearch(request: ResearchRequest, options: RequestOptions = {}): Promise<Task> {
    const body = researchBody(request);
    return this.#open().json(PATHS.research, taskSchema, {
      method: 'post',
      json: body,
      ...signalOf(options),
    });
  }

  /** Every report of the account. */
  async reports(options: RequestOptions = {}): Promise<Report[]> {
    return this.#list(PATHS.reports, reportSchema, options);
  }

  /** One report; `NotFoundError` when there is none with this id. */
  async report(id: number, options: RequestOptions = {}): Promise<Report> {
    return this.#one(PATHS.reports, numericId(id, 'report'), reportSchema, options);
  }

  /**
   * The report a research task produced (`report.task.task_id` matches), with
   * its crew run; `undefined` while the task is pending or when it produced
   * none. The API has no lookup by task, so this reads the report list: when
   * waiting for research, poll {@link EvrimApi.task} until `status` is `C`,
   * then call this once.
   */
  async reportForTask(taskId: string, options: RequestOptions = {}): Promise<Report | undefined> {
    const id = taskIdOf(taskId, 'reportForTask()');
    const reports = await this.reports(options);
    return reports.find((report) => report.report?.task?.task_id === id);
  }

  /** Every crew run. */
  async runs(options: RequestOptions = {}): Promise<Run[]> {
    return this.#list(PATHS.runs, runSchema, options);
  }

  /** One crew run; `NotFoundError` when there is none with this id. */
  async run(id: number, options: RequestOptions = {}): Promise<Run> {
    return this.#one(PATHS.runs, numericId(id, 'run'), runSchema, options);
  }

  /** Every research task. */
  async tasks(options: RequestOptions = {}): Promise<Task[]> {
    return this.#list(PATHS.tasks, taskSchema, options);
  }

  /** One research task by its `task_id` (a UUID); `NotFoundError` when there is none. */
  async task(id: string, options: RequestOptions = {}): Promise<Task> {
    return this.#one(PATHS.tasks, encodeURIComponent(taskIdOf(id, 'task()')), taskSchema, options);
  }

  /** Every report section. */
  async sections(options: RequestOptions = {}): Promise<Section[]> {
    return this.#list(PATHS.sections, sectionSchema, options);
  }

  /** One report section. */
  async section(id: number, options: RequestOptions = {}): Promise<Section> {
    return this.#one(PATHS.sections, numericId(id, 'section'), sectionSchema, options);
  }

  /** Every paragraph. */
  async paragraphs(options: RequestOptions = {}): Promise<Paragraph[]> {
    return this.#list(PATHS.paragraphs, paragraphSchema, options);
  }

  /** One paragraph. */
  async paragraph(id: number, options: RequestOptions = {}): Promise<Paragraph> {
    return this.#one(PATHS.paragraphs, numericId(id, 'paragraph'), paragraphSchema, options);
  }

  /**
   * Renders a report as PDF (`GET /generate/{id}/pdf/`). The bytes come as a
   * `Uint8Array` (write them with `fs.writeFile`), not a stream: the body is
   * read whole so a call refused for an expired token can be replayed and an
   * oversized body cut off (100 MiB, `ResponseTooLargeError`). `NotFoundError`
   * when there is no such report.
   */
  async generatePdf(reportId: number, options: RequestOptions = {}): Promise<GeneratedDocument> {
    return this.#generate(numericId(reportId, 'report'), 'pdf', options);
  }

  /** Renders a report as DOCX (`GET /generate/{id}/docx/`); as {@link EvrimApi.generatePdf}. */
  async generateDocx(reportId: number, options: RequestOptions = {}): Promise<GeneratedDocument> {
    return this.#generate(numericId(reportId, 'report'), 'docx', options);
  }

  #list<T>(path: string, item: z.ZodType<T>, options: RequestOptions): Promise<T[]> {
    return collectList(this.#open(), this.#baseUrl, path, item, signalOf(options).signal);
  }

  #one<T>(collection: string, id: string, schema: z.ZodType<T>, options: RequestOptions): Promise<T> {
    return this.#open().json(`${collection}${id}/`, schema, signalOf(options));
  }

  async #generate(id: string, format: 'pdf' | 'docx', options: RequestOptions): Promise<GeneratedDocument> {
    const response = await this.#open().request(`${PATHS.generate}${id}/${format}/`, {
      ...signalOf(options),
      // A rendered report with images is a document, not a JSON answer: it gets a larger limit.
      maxBodyBytes: DOCUMENT_MAX_BYTES,
    });
    const content = new Uint8Array(await response.arrayBuffer());
    return {
      content,
      filename:
        filenameFromContentDisposition(response.headers.get('content-disposition')) ??
        `report-${id}.${format}`,
      contentType: response.headers.get('content-type') ?? 'application/octet-stream',
    };
  }
}

function taskIdOf(id: string, method: string): string {
  if (typeof id !== 'string' || id.trim() === '') {
    throw new ConfigurationError(`${method} needs a non-empty task id`, { vendor: VENDOR });
  }
  return id;
}

function numericId(id: number, what: string): string {
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) {
    throw new ConfigurationError(`The ${what} id must be a non-negative integer`, { vendor: VENDOR });
  }
  return String(id);
}

/** The call's signal; `null` options count as none, anything else but an AbortSignal is named. */
function signalOf(options: RequestOptions | null | undefined): { signal?: AbortSignal } {
  const signal = checkSignalOption(options?.signal, 'The Evrim call option `signal`', VENDOR);
  return signal === undefined ? {} : { signal };
}
