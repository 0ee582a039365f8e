import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DemoScenario, ScenarioResult } from './scenario.js';
import { vendorScenario } from './vendor-demo.js';
import { cozifyDemo } from './vendors/cozify.js';
import { evohomeDemo } from './vendors/evohome.js';
import { evrimDemo } from './vendors/evrim.js';
import { navienDemo } from './vendors/navien.js';
import { referenceDemo } from './vendors/reference.js';
import { tadoDemo } from './vendors/tado.js';
import { vesyncDemo } from './vendors/vesync.js';

const scenarios: DemoScenario[] = [
  referenceDemo,
  evohomeDemo,
  evrimDemo,
  vesyncDemo,
  navienDemo,
  cozifyDemo,
  tadoDemo,
].map(vendorScenario);

// `pnpm demo -- <vendor>...` runs only those vendors' scenarios.
const wanted = process.argv.slice(2).filter((arg) => arg !== '--');
const unknown = wanted.filter((name) => !scenarios.some((s) => s.vendor === name));
if (unknown.length > 0) {
  process.stderr.write(
    `Unknown demo vendor ${unknown.join(', ')}; choose from ${scenarios.map((s) => s.vendor).join(', ')}\n`,
  );
  process.exit(2);
}
const chosen = wanted.length === 0 ? scenarios : scenarios.filter((s) => wanted.includes(s.vendor));

const log = (line: string) => process.stdout.write(`${line}\n`);
const dir = await mkdtemp(join(tmpdir(), 'tokenwise-demo-'));
const results: ScenarioResult[] = [];
let failed = false;
const started = Date.now();

log('tokenwise demo — every vendor cloud is a local mock on 127.0.0.1; no internet, no input.');
try {
  for (const scenario of chosen) {
    log(`\n▶ ${scenario.vendor}`);
    try {
      results.push(await scenario.run({ storePath: join(dir, scenario.vendor, 'sessions.json'), log }));
    } catch (error) {
      failed = true;
      log(
        `  ✘ ${scenario.vendor} scenario crashed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}

const header = ['vendor', 'requests', 'logins', 'refreshes', '429s', 'checks'];
const rows = results.map((r) => [
  r.vendor,
  String(r.requests),
  String(r.logins),
  String(r.refreshes),
  String(r.rateLimited),
  `${r.checks.filter((c) => c.ok).length}/${r.checks.length}`,
]);
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)));
const line = (cells: string[]) =>
  cells
    .map((c, i) => c.padEnd(widths[i] ?? 0))
    .join('  ')
    .trimEnd();
log(`\n${line(header)}`);
log(line(widths.map((w) => '-'.repeat(w))));
for (const row of rows) log(line(row));

const allOk = !failed && results.every((r) => r.checks.every((c) => c.ok) && r.rateLimited === 0);
log(
  `\n${allOk ? 'All scenarios met their expectations' : 'Some expectations were NOT met'} (${((Date.now() - started) / 1000).toFixed(1)} s).`,
);
process.exitCode = allOk ? 0 : 1;
