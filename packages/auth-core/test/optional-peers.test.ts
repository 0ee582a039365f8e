import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// `msw` and `vitest` are optional peers: a user who installed only a vendor package has neither.
// Every published entry point must load without them, except the one entry each of them is for.
// The child processes load the built packages from the examples workspace (which depends on all
// of them) with the blocked packages made unresolvable by a module-resolution hook.
const packagesDir = fileURLToPath(new URL('../../', import.meta.url));
const examplesDir = fileURLToPath(new URL('../../../examples/', import.meta.url));
const blocker = fileURLToPath(new URL('./fixtures/without-modules.mjs', import.meta.url));

/** The optional peers an entry point may need, by subpath; every other entry needs none. */
const PEERS_OF: Record<string, string[]> = {
  '@tokenwise/auth-core/testing': ['vitest'],
  '@tokenwise/auth-core/testing/msw': ['msw'],
};
const OPTIONAL_PEERS = ['msw', 'vitest'];

interface Entry {
  specifier: string;
  cjs: boolean;
}

const entries: Entry[] = readdirSync(packagesDir)
  .map(
    (dir) =>
      JSON.parse(readFileSync(`${packagesDir}${dir}/package.json`, 'utf8')) as {
        name: string;
        private?: boolean;
        exports: Record<string, unknown>;
      },
  )
  .filter((pkg) => !pkg.private)
  .flatMap((pkg) =>
    Object.entries(pkg.exports)
      .filter(([subpath]) => subpath !== './package.json')
      .map(([subpath, conditions]) => ({
        specifier: subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`,
        cjs: typeof conditions === 'object' && conditions !== null && 'require' in conditions,
      })),
  )
  // The CLI's main entry runs the command line; its dual-format test covers it.
  .filter((entry) => entry.specifier !== '@tokenwise/cli');

type Outcome = { ok: true; exports: string[] } | { ok: false; code: string; message: string };

/** Loads each specifier in one child process with `blocked` unresolvable; one outcome per specifier. */
function loadWithout(blocked: string[], kind: 'import' | 'require', specifiers: string[]): Outcome[] {
  const script = `
    const load = (s) => ${kind === 'import' ? 'import(s)' : 'Promise.resolve().then(() => require(s))'};
    (async () => {
      const out = [];
      for (const s of ${JSON.stringify(specifiers)}) {
        try { out.push({ ok: true, exports: Object.keys(await load(s)).filter((k) => k !== 'default') }); }
        catch (e) { out.push({ ok: false, code: String(e.code), message: String(e.message).split('\\n')[0] }); }
      }
      process.stdout.write(JSON.stringify(out));
    })();`;
  const out = execFileSync(process.execPath, ['--import', blocker, '-e', script], {
    cwd: examplesDir,
    encoding: 'utf8',
    env: { ...process.env, TOKENWISE_BLOCK_MODULES: blocked.join(',') },
  });
  return JSON.parse(out) as Outcome[];
}

function expectAllLoaded(specifiers: string[], outcomes: Outcome[]): void {
  const failures = outcomes.flatMap((outcome, i) =>
    outcome.ok ? [] : [`${specifiers[i]}: ${outcome.code} ${outcome.message}`],
  );
  expect(failures).toEqual([]);
  for (const outcome of outcomes) if (outcome.ok) expect(outcome.exports.length).toBeGreaterThan(0);
}

describe('entry points load with only their declared dependencies', () => {
  it('the blocking hook really makes a package unresolvable (import and require)', () => {
    for (const kind of ['import', 'require'] as const) {
      const [outcome] = loadWithout(['msw'], kind, ['msw']);
      expect(outcome?.ok).toBe(false);
    }
  });

  const plain = entries.filter((e) => PEERS_OF[e.specifier] === undefined).map((e) => e.specifier);

  it('every entry but the testing kits loads via import without msw and vitest', () => {
    expectAllLoaded(plain, loadWithout(OPTIONAL_PEERS, 'import', plain));
  });

  it('every CommonJS entry but the testing kits loads via require without msw and vitest', () => {
    const cjs = entries.filter((e) => e.cjs && PEERS_OF[e.specifier] === undefined).map((e) => e.specifier);
    expectAllLoaded(cjs, loadWithout(OPTIONAL_PEERS, 'require', cjs));
  });

  it.each(Object.entries(PEERS_OF))('%s loads with only %j of the optional peers', (specifier, needs) => {
    const without = OPTIONAL_PEERS.filter((peer) => !needs.includes(peer));
    expectAllLoaded([specifier], loadWithout(without, 'import', [specifier]));
  });

  it('@tokenwise/auth-core/testing/msw holds mswHandlers, and /testing no longer does', () => {
    const [msw, testing] = loadWithout([], 'import', [
      '@tokenwise/auth-core/testing/msw',
      '@tokenwise/auth-core/testing',
    ]);
    expect(msw).toEqual({ ok: true, exports: ['mswHandlers'] });
    expect(testing?.ok && testing.exports).not.toContain('mswHandlers');
  });

  it('every vendor /mock serves its cloud on its own: startLoopbackServer, FakeClock, handlerFetch', () => {
    const mocks = entries
      .map((e) => e.specifier)
      .filter((s) => s.endsWith('/mock') && !s.startsWith('@tokenwise/auth-core'));
    expect(mocks.length).toBeGreaterThanOrEqual(5);
    for (const outcome of loadWithout(OPTIONAL_PEERS, 'import', mocks)) {
      expect(outcome.ok && outcome.exports).toEqual(
        expect.arrayContaining(['FakeClock', 'handlerFetch', 'startLoopbackServer']),
      );
    }
  });
});
