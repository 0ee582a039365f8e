import { fileURLToPath } from 'node:url';
import { Evrim } from '@tokenwise/evrim';
import { EvrimCloud } from '@tokenwise/evrim/mock';
import type { VendorDemo } from '../vendor-demo.js';
import { serveCloud } from './serve-cloud.js';

/** Evrim: 5-minute JWT access tokens renewed with a 1-day refresh token. */
export const evrimDemo: VendorDemo = {
  vendor: 'evrim',
  expireMs: 6 * 60_000,
  renewsBy: 'refresh',
  startCloud: (clock) => serveCloud(new EvrimCloud({ clock }), '/prod'),
  async client({ cloud, store, clock }) {
    const client = await Evrim.create({
      baseUrl: cloud.url,
      username: 'demo',
      password: 'demo-password',
      store,
      clock,
    });
    return {
      call: () => client.tasks(),
      // Submit a research and read the task, its run and its report back through the SDK.
      async write() {
        const title = 'Widgets Inc. research';
        const task = await client.submitResearch({ url: 'https://widgets.example.com/', title });
        const after = await client.task(task.task_id);
        const report = await client.reportForTask(task.task_id);
        const run = report?.crew_run ? await client.run(report.crew_run.id) : undefined;
        const pdf = report ? await client.generatePdf(report.id) : undefined;
        return {
          change: `research "${title}" submitted (task ${task.task_id.slice(0, 8)}…, status ${task.status})`,
          readBack: report
            ? `task ${after.status}; report ${report.id} "${report.report?.title}" with ` +
              `${report.report?.sections.length} sections, run ${run?.id} with ${run?.tasks.length} steps, ` +
              `${pdf?.filename} ${pdf?.content.byteLength} bytes`
            : `task ${after.status}; no report yet`,
          ok:
            task.status === 'P' &&
            after.status === 'C' &&
            report?.report?.title === title &&
            run !== undefined &&
            pdf !== undefined,
        };
      },
      close: () => client.close(),
    };
  },
  childScript: fileURLToPath(new URL('../children/evrim.mjs', import.meta.url)),
};
