import { FakeClock } from '@tokenwise/auth-core/testing';
import { mswHandlers } from '@tokenwise/auth-core/testing/msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, AuthenticationError, ConfigurationError, Evrim, NotFoundError } from '../src/index.js';
import { EvrimCloud } from '../src/mock/index.js';
import { BASE_URL, rejectionOf } from './world.js';

// The real HTTP path: the client uses the global fetch, MSW answers with the mock.
let cloud: EvrimCloud;
let clock: FakeClock;
const server = setupServer(...mswHandlers(BASE_URL, (request) => cloud.handler(request)));

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  clock = new FakeClock();
  cloud = new EvrimCloud({ clock });
});

const client = () =>
  Evrim.create({
    baseUrl: BASE_URL,
    username: 'demo',
    password: 'demo-password',
    clock,
    env: {},
    retries: 0,
  });

describe('data calls over the global fetch (MSW)', () => {
  it('lists and reads every resource, typed', async () => {
    const evrim = await client();
    const [report] = await evrim.reports();
    expect(report?.report?.sections.length).toBeGreaterThan(0);
    expect((await evrim.report(1)).crew_run?.id).toBe(1);
    const runs = await evrim.runs();
    expect(runs.map((r) => r.id)).toEqual([1]);
    expect((await evrim.run(1)).tasks[0]?.agent_role).toBe('Data Collection Agent');
    const [task] = await evrim.tasks();
    expect((await evrim.task(task?.task_id ?? '')).status).toBe('C');
    expect((await evrim.sections()).length).toBe(2);
    expect((await evrim.section(2)).sources).toEqual(['https://widgets.example.com/products']);
    expect((await evrim.paragraphs()).length).toBe(3);
    expect((await evrim.paragraph(1)).title).toBeNull();
    expect(cloud.counts).toMatchObject({ logins: 1, redirects: 0 });
  });

  it('submits research with the upstream defaults', async () => {
    const evrim = await client();
    const task = await evrim.submitResearch({ url: 'https://example.com' });
    expect(task.status).toBe('P');
    expect(JSON.parse(task.event?.input ?? '')).toEqual({
      url: 'https://example.com',
      title: 'Company Research',
      description: 'Evrim Insights',
      style: 'NARRATIVE',
      tone: 'ANALYTICAL',
      point_of_view: 'THIRD_PERSON',
    });
    expect((await evrim.task(task.task_id)).created_by).toBe(1);
  });

  it('returns PDF and DOCX bytes with the filename from content-disposition', async () => {
    const evrim = await client();
    const pdf = await evrim.generatePdf(1);
    expect(pdf.filename).toBe('report.pdf');
    expect(pdf.contentType).toBe('application/pdf');
    expect(new TextDecoder().decode(pdf.content.slice(0, 5))).toBe('%PDF-');
    const docx = await evrim.generateDocx(1);
    expect(docx.filename).toBe('report.docx');
    expect([...docx.content.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
  });

  it('a 404 is a NotFoundError (an ApiError) carrying the server detail', async () => {
    const evrim = await client();
    const error = await rejectionOf(evrim.report(9999));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as NotFoundError).status).toBe(404);
    expect((error as Error).message).toContain('No ReportV2 matches the given query.');
    await expect(evrim.run(9999)).rejects.toBeInstanceOf(NotFoundError);
    await expect(evrim.generatePdf(9999)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('bad ids and research input are ConfigurationErrors, not requests', async () => {
    const evrim = await client();
    const before = cloud.counts.requests;
    await expect(evrim.report(-1)).rejects.toBeInstanceOf(ConfigurationError);
    await expect(evrim.run(1.5)).rejects.toBeInstanceOf(ConfigurationError);
    await expect(evrim.task('')).rejects.toBeInstanceOf(ConfigurationError);
    await expect(evrim.submitResearch({ url: '' })).rejects.toBeInstanceOf(ConfigurationError);
    await expect(evrim.submitResearch(null as never)).rejects.toThrow(
      'submitResearch options must be an object',
    );
    await expect(
      evrim.submitResearch({ url: 'https://example.com', point_of_view: 'FIRST_PERSON' } as never),
    ).rejects.toThrow(/submitResearch option `point_of_view` is not a known option/);
    await expect(evrim.submitResearch({ url: 'https://example.com', title: 42 as never })).rejects.toThrow(
      'submitResearch option `title` must be a non-empty string, got a number',
    );
    expect(cloud.counts.requests).toBe(before);
  });

  it('a revoked token is renewed once and the call (even a POST) replayed', async () => {
    const evrim = await client();
    cloud.revokeAccessTokens();
    await evrim.submitResearch({ url: 'https://example.org' });
    expect(cloud.counts).toMatchObject({ logins: 2, rejectedRequests: 1 });
  });

  it('a server that keeps refusing ends in AuthenticationError after one retry', async () => {
    const evrim = await client();
    cloud.rejectAllRequests(true);
    const error = await rejectionOf(evrim.tasks());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(cloud.counts.rejectedRequests).toBe(2);
  });

  it('follows DRF pagination when the server pages', async () => {
    cloud = new EvrimCloud({ clock, pageSize: 2 });
    const evrim = await client();
    for (let i = 0; i < 4; i++) await evrim.submitResearch({ url: `https://example.com/${i}` });
    const tasks = await evrim.tasks();
    expect(tasks).toHaveLength(5);
    expect(new Set(tasks.map((t) => t.task_id)).size).toBe(5);
  });
});
