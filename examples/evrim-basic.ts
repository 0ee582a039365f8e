// Evrim against its mock on 127.0.0.1: log in once, let tokens expire, restart, keep going.
// Build first (`pnpm --filter @tokenwise/evrim build`), then: pnpm exec tsx examples/evrim-basic.ts
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore } from '@tokenwise/auth-core';
import { FakeClock, startLoopbackServer } from '@tokenwise/auth-core/mock';
import { Evrim, NotFoundError } from '@tokenwise/evrim';
import { EvrimCloud } from '@tokenwise/evrim/mock';

// A fake clock shared by the mock and the clients, so five minutes of token life pass instantly.
const clock = new FakeClock(Date.now());
const cloud = new EvrimCloud({ clock });
const server = await startLoopbackServer(cloud.handler);
const dir = await mkdtemp(join(tmpdir(), 'evrim-example-'));
const options = {
  baseUrl: `${server.url}/prod`,
  username: 'demo',
  password: 'demo-password',
  store: new FileStore({ path: join(dir, 'sessions.json') }),
  clock,
};

try {
  // Seed scenario 1: username/password authentication.
  const client = await Evrim.create(options);
  const [report] = await client.reports();
  console.log(`logged in; report "${report?.report?.title}" has ${report?.report?.sections.length} sections`);

  // Seed scenario 2: validation after time passes; the client renews by itself.
  clock.advance(20_000);
  console.log('token valid after 20 s:', await client.validateToken());
  clock.advance(6 * 60_000);
  console.log('token valid after 6 min:', await client.validateToken());
  const runs = await client.runs();
  console.log(`listed ${runs.length} run(s) after a silent refresh`);

  // Seed scenario 3: explicit refresh (keeps the refresh token) and a new pair by password.
  await client.refreshToken();
  await client.setToken();

  // A write and the reads that show it: submit a research, then read its task, report and run back.
  const task = await client.submitResearch({ url: 'https://acme.example/', title: 'Acme research' });
  console.log(`submitted research ${task.task_id} (status ${task.status})`);
  const done = await client.task(task.task_id);
  const written = await client.reportForTask(task.task_id);
  if (done.status !== 'C' || written?.report?.title !== 'Acme research') {
    throw new Error('the submitted research did not come back as a report');
  }
  console.log(
    `task ${done.status}: report ${written.id} "${written.report.title}" ` +
      `(${written.report.sections.length} sections, run ${written.crew_run?.id})`,
  );

  const pdf = await client.generatePdf(written.id);
  console.log(`generated ${pdf.filename} (${pdf.content.byteLength} bytes, ${pdf.contentType})`);
  try {
    await client.report(9999);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    console.log(`report 9999: ${error.constructor.name} (HTTP ${error.status})`);
  }
  await client.close();

  // A "restarted process" on the same file: no login, the stored session is reused.
  const restarted = await Evrim.create(options);
  await restarted.tasks();
  await restarted.close();

  // Seed scenario 4: a client from an existing token, verified through /token/verify/.
  const pair = (await (
    await fetch(`${server.url}/prod/token/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'demo', password: 'demo-password' }),
    })
  ).json()) as { access: string; refresh: string };
  const fromToken = await Evrim.fromToken({
    baseUrl: options.baseUrl,
    token: pair.access,
    refresh: pair.refresh,
    clock,
  });
  console.log(`from token: ${(await fromToken.tasks()).length} task(s)`);
  await fromToken.close();

  console.log('cloud saw:', cloud.counts);
  if (cloud.counts.logins !== 3) throw new Error(`expected 3 logins, saw ${cloud.counts.logins}`);
} finally {
  await server.close();
  await rm(dir, { recursive: true, force: true });
}
