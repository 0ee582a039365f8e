import { FakeClock, startLoopbackServer } from '@tokenwise/auth-core/testing';
import { mswHandlers } from '@tokenwise/auth-core/testing/msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, ConfigurationError, Evrim, NotFoundError } from '../src/index.js';
import { EvrimCloud, type EvrimCloudOptions } from '../src/mock/index.js';
import { BASE_URL, rejectionOf } from './world.js';

// Write, then read: research submitted through the SDK becomes a task, a run and a report the
// next reads return. Run once over MSW (the global fetch) and once over a 127.0.0.1 server.

let cloud: EvrimCloud;
let clock: FakeClock;
const msw = setupServer(...mswHandlers(BASE_URL, (request) => cloud.handler(request)));
// MSW patches the global fetch: requests to the loopback server pass, anything else is an error.
beforeAll(() =>
  msw.listen({
    onUnhandledRequest: (request, print) => {
      if (new URL(request.url).hostname !== '127.0.0.1') print.error();
    },
  }),
);
afterAll(() => msw.close());

interface Transport {
  name: string;
  open(options?: Omit<EvrimCloudOptions, 'clock'>): Promise<Evrim>;
}

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

function connect(baseUrl: string): Promise<Evrim> {
  return Evrim.create({ baseUrl, username: 'demo', password: 'demo-password', clock, env: {}, retries: 0 });
}

const transports: Transport[] = [
  {
    name: 'MSW',
    async open(options = {}) {
      clock = new FakeClock();
      cloud = new EvrimCloud({ ...options, clock });
      const client = await connect(BASE_URL);
      closers.push(() => client.close());
      return client;
    },
  },
  {
    name: 'loopback server',
    async open(options = {}) {
      clock = new FakeClock();
      cloud = new EvrimCloud({ ...options, clock });
      const server = await startLoopbackServer(cloud.handler);
      const client = await connect(`${server.url}/prod`);
      closers.push(
        () => client.close(),
        () => server.close(),
      );
      return client;
    },
  },
];

for (const transport of transports) {
  describe(`research write-then-read (${transport.name})`, () => {
    it('a submitted research is a pending task, then a run and a report on the next reads', async () => {
      const evrim = await transport.open({ researchDurationMs: 60_000 });
      const task = await evrim.submitResearch({
        url: 'https://acme.example/',
        title: 'Acme',
        tone: 'NEUTRAL',
      });
      expect(task).toMatchObject({ status: 'P', created_by: 1 });
      expect(JSON.parse(task.event?.input ?? '')).toMatchObject({
        url: 'https://acme.example/',
        tone: 'NEUTRAL',
      });

      expect((await evrim.task(task.task_id)).status).toBe('P');
      expect(await evrim.reportForTask(task.task_id)).toBeUndefined();
      expect(cloud.pendingResearch).toBe(1);

      clock.advance(60_000);
      expect((await evrim.task(task.task_id)).status).toBe('C');
      const report = await evrim.reportForTask(task.task_id);
      expect(report?.report).toMatchObject({ title: 'Acme', description: 'Evrim Insights' });
      expect(report?.report?.task).toMatchObject({ task_id: task.task_id, status: 'C' });
      expect(report?.report?.sections.map((s) => s.tone)).toEqual(['NEUTRAL', 'NEUTRAL', 'NEUTRAL']);

      const reportId = report?.id ?? -1;
      const runId = report?.crew_run?.id ?? -1;
      expect(reportId).toBe(2);
      expect((await evrim.report(reportId)).report?.title).toBe('Acme');
      expect((await evrim.runs()).map((r) => r.id)).toEqual([1, runId]);
      const run = await evrim.run(runId);
      expect(run.tasks[0]).toMatchObject({ agent_role: 'Data Collection Agent', section_name: null });
      expect(run.tasks.filter((step) => step.section_name !== null)).toHaveLength(3);
      // Run steps are numbered on from the previous run, as in the recorded runs list.
      expect(run.tasks[0]?.id).toBe(3);

      const section = report?.report?.sections[0];
      const paragraph = section?.paragraphs[0];
      expect((await evrim.section(section?.id ?? -1)).title).toBe(section?.title);
      expect((await evrim.paragraph(paragraph?.id ?? -1)).sentences).toEqual(paragraph?.sentences);
      expect((await evrim.sections()).length).toBe(5);
      expect((await evrim.paragraphs()).length).toBe(6);

      const pdf = await evrim.generatePdf(reportId);
      expect(pdf.content).toBeInstanceOf(Uint8Array);
      expect(new TextDecoder().decode(pdf.content)).toMatch(/^%PDF-1\.4\n% Acme\n/);
      expect(pdf.filename).toBe('report.pdf');
    });

    it('by default the report is there on the very next read', async () => {
      const evrim = await transport.open();
      const first = await evrim.submitResearch({ url: 'https://one.example/' });
      const second = await evrim.submitResearch({ url: 'https://two.example/', title: 'Two' });
      expect(first.status).toBe('P');
      expect((await evrim.tasks()).map((t) => [t.task_id, t.status])).toEqual([
        ['3f0c7d52-9a41-4c1e-8f7b-2d6e5a9b0c11', 'C'],
        [first.task_id, 'C'],
        [second.task_id, 'C'],
      ]);
      expect((await evrim.reportForTask(second.task_id))?.report?.title).toBe('Two');
      expect((await evrim.reportForTask(first.task_id))?.report?.title).toBe('Company Research');
      expect((await evrim.reports()).map((r) => r.id)).toEqual([1, 2, 3]);
    });

    it('finishResearch() completes pending jobs whatever the clock says', async () => {
      const evrim = await transport.open({ researchDurationMs: 3_600_000 });
      const task = await evrim.submitResearch({ url: 'https://slow.example/' });
      cloud.finishResearch();
      expect(cloud.pendingResearch).toBe(0);
      expect((await evrim.reportForTask(task.task_id))?.crew_run?.result).toContain('slow.example');
    });

    it('the new runs page like the others when the server pages', async () => {
      const evrim = await transport.open({ pageSize: 2 });
      for (let i = 0; i < 4; i++) await evrim.submitResearch({ url: `https://p${i}.example/` });
      expect((await evrim.runs()).map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
      expect((await evrim.reports()).map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
    });

    it('a research the server refuses is an ApiError naming the field, and creates nothing', async () => {
      const evrim = await transport.open();
      const error = await rejectionOf(evrim.submitResearch({ url: 'not a url' }));
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ status: 400, vendorCode: 'invalid' });
      expect((error as Error).message).toContain('url');
      expect(await evrim.tasks()).toHaveLength(1);
      expect(await evrim.runs()).toHaveLength(1);
    });

    it('unknown ids are NotFoundErrors with the recorded detail; bad ids are refused before a request', async () => {
      const evrim = await transport.open();
      await expect(evrim.run(42)).rejects.toThrow(/No CrewRunV2 matches the given query\./);
      await expect(evrim.report(42)).rejects.toBeInstanceOf(NotFoundError);
      await expect(evrim.task('00000000-0000-0000-0000-000000000000')).rejects.toBeInstanceOf(NotFoundError);
      await expect(evrim.generateDocx(42)).rejects.toBeInstanceOf(NotFoundError);
      const before = cloud.counts.requests;
      await expect(evrim.reportForTask('')).rejects.toBeInstanceOf(ConfigurationError);
      expect(cloud.counts.requests).toBe(before);
    });
  });
}
