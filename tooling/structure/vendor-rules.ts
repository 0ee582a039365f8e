// The structural rules every vendor package follows (vercel/ai keeps its providers uniform the
// same way): the same rooms, package.json fields, exports and README sections, and no vendor code
// doing what only auth-core may do. Each violation names the file and the rule.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One broken rule: where, which rule, and what was found. */
export interface Violation {
  file: string;
  rule: string;
  detail: string;
}

/** README sections every vendor package has, in this order (others may stand between them). */
export const README_SECTIONS = [
  'Install',
  'Quick start',
  'Options',
  'Methods',
  'Errors',
  'Environment',
  'Testing with the mock',
] as const;

/** Files every vendor `src/` holds; a strategy and schemas may take one of several shapes. */
const ROOMS: ReadonlyArray<{ name: string; matches(entries: readonly string[]): boolean }> = [
  { name: 'src/index.ts', matches: (e) => e.includes('index.ts') },
  { name: 'src/client.ts', matches: (e) => e.includes('client.ts') },
  { name: 'src/constants.ts', matches: (e) => e.includes('constants.ts') },
  { name: 'src/errors.ts', matches: (e) => e.includes('errors.ts') },
  {
    name: 'a strategy file (src/strategy.ts, src/strategy-*.ts or src/*-strategy.ts)',
    matches: (e) => e.some((f) => /^(strategy|strategy-[\w-]+|[\w-]+-strategy)\.ts$/.test(f)),
  },
  {
    name: 'src/schemas.ts or src/schemas/',
    matches: (e) => e.includes('schemas.ts') || e.includes('schemas'),
  },
  { name: 'src/mock/', matches: (e) => e.includes('mock') },
];

const EXPORTS = ['.', './mock', './package.json'];
const SCRIPTS = {
  build: 'tsup',
  typecheck: 'tsc -p tsconfig.json',
  'lint:package': 'publint --strict',
  'lint:types': 'attw --pack .',
};

/**
 * What vendor code must leave to auth-core, as patterns over `src/` outside `src/mock/`.
 * `allow` lists files (relative to the package) where a pattern is the vendor's own business.
 */
const FORBIDDEN: ReadonlyArray<{ rule: string; pattern: RegExp; allow?: readonly string[] }> = [
  {
    rule: "no timers in vendor code: renewals are the manager's (renewAt, keepAlive); protocol waits use core sleep()",
    pattern: /\bset(Timeout|Interval)\s*\(|timers\/promises/,
    // The MQTT reconnect back-off is transport, not session.
    allow: ['src/mqtt/mqtt-client.ts'],
  },
  {
    rule: 'no store access in vendor code: sessions go through the SessionManager',
    pattern: /\.(withLock)\s*\(|\bstore\s*\.\s*(get|set|delete)\s*\(/,
  },
  {
    rule: 'no strategy.login/refresh outside the manager: use manager.get/renew/adopt',
    pattern: /\bstrategy\s*\.\s*(login|refresh)\s*!?\s*\(/,
  },
  {
    rule: 'no hand-written option checkers: use checkClientOptions and the option kit from @tokenwise/auth-core/vendor',
    pattern:
      /typeof\s+[\w.]+\.(get|set|withLock|now)\s*[!=]==\s*'function'|instanceof\s+AbortSignal|function\s+(store|fetch|clock|timeout|signal|email)Option\s*\(/,
  },
  {
    rule: 'no base-URL parsing in vendor code: use resolveBaseUrl from @tokenwise/auth-core/vendor',
    pattern: /\.protocol\s*[!=]==\s*'https?:'/,
  },
];

function read(path: string): string {
  return readFileSync(path, 'utf8');
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return entry === 'mock' ? [] : sourceFiles(path);
    return entry.endsWith('.ts') ? [path] : [];
  });
}

/** The vendor packages under `packagesDir`: those with a simulator in `src/mock/`. */
export function vendorPackages(packagesDir: string): string[] {
  return readdirSync(packagesDir)
    .map((entry) => join(packagesDir, entry))
    .filter((dir) => existsSync(join(dir, 'src', 'mock', 'index.ts')))
    .sort();
}

/** Every rule `dir` (a vendor package) breaks; `vendors` are the names of all vendor folders. */
export function checkVendorPackage(dir: string, vendors: readonly string[]): Violation[] {
  const found: Violation[] = [];
  const name = dir.split(/[\\/]/).pop() ?? '';
  const at = (file: string) => join('packages', name, file);
  const fail = (file: string, rule: string, detail: string) => found.push({ file: at(file), rule, detail });

  const src = join(dir, 'src');
  const entries = existsSync(src) ? readdirSync(src) : [];
  for (const room of ROOMS) {
    if (!room.matches(entries)) fail('src/', 'every vendor has the same rooms', `missing ${room.name}`);
  }
  for (const test of ['test/conformance.test.ts', 'test/bad-options.test.ts']) {
    if (!existsSync(join(dir, test))) fail(test, 'every vendor has the same tests', 'missing');
  }

  const pkgPath = join(dir, 'package.json');
  const pkg = existsSync(pkgPath) ? (JSON.parse(read(pkgPath)) as Record<string, unknown>) : {};
  const expect = (field: string, ok: boolean, detail: string) => {
    if (!ok) fail('package.json', `package.json field \`${field}\``, detail);
  };
  expect('name', pkg.name === `@tokenwise/${name}`, `must be @tokenwise/${name}`);
  expect('type', pkg.type === 'module', 'must be "module"');
  expect('sideEffects', pkg.sideEffects === false, 'must be false');
  expect('license', pkg.license === 'MIT', 'must be MIT');
  expect(
    'engines',
    (pkg.engines as { node?: string } | undefined)?.node === '>=20.19',
    'node must be >=20.19',
  );
  const exportKeys = Object.keys((pkg.exports as object | undefined) ?? {});
  expect('exports', exportKeys.join() === EXPORTS.join(), `must be exactly ${EXPORTS.join(', ')}`);
  const scripts = (pkg.scripts as Record<string, string> | undefined) ?? {};
  for (const [script, command] of Object.entries(SCRIPTS)) {
    expect(`scripts.${script}`, scripts[script] === command, `must be "${command}"`);
  }
  const deps = (pkg.dependencies as Record<string, string> | undefined) ?? {};
  expect('dependencies', deps['@tokenwise/auth-core'] !== undefined, 'must depend on @tokenwise/auth-core');
  for (const other of vendors) {
    if (other !== name)
      expect(
        'dependencies',
        deps[`@tokenwise/${other}`] === undefined,
        `must not depend on @tokenwise/${other}`,
      );
  }

  const index = existsSync(join(src, 'index.ts')) ? read(join(src, 'index.ts')) : '';
  if (!/^export \* from '@tokenwise\/auth-core';$/m.test(index)) {
    fail(
      'src/index.ts',
      'vendors re-export the user face',
      "must contain `export * from '@tokenwise/auth-core';`",
    );
  }
  const mockIndex = join(src, 'mock', 'index.ts');
  if (existsSync(mockIndex) && !/^export \* from '@tokenwise\/auth-core\/mock';$/m.test(read(mockIndex))) {
    fail(
      'src/mock/index.ts',
      'vendor mocks re-export the mock base',
      "must contain `export * from '@tokenwise/auth-core/mock';`",
    );
  }
  const mockDir = join(src, 'mock');
  const simulators = existsSync(mockDir)
    ? readdirSync(mockDir).filter((f) => /extends MockCloud\b/.test(read(join(mockDir, f))))
    : [];
  if (existsSync(mockDir) && simulators.length === 0) {
    fail('src/mock/', 'simulators are built on the mock base', 'no class `extends MockCloud`');
  }

  const client = existsSync(join(src, 'client.ts')) ? read(join(src, 'client.ts')) : '';
  for (const [member, pattern] of [
    ['request()', /\n\s+(async\s+)?request\s*\(/],
    ['manager', /\breadonly manager\b|\bget manager\s*\(/],
    ['close()', /\n\s+(async\s+)?close\s*\(/],
    ['[Symbol.asyncDispose]()', /\[Symbol\.asyncDispose\]/],
  ] as const) {
    if (!pattern.test(client)) fail('src/client.ts', 'one user surface on every client', `no ${member}`);
  }

  for (const file of sourceFiles(src)) {
    const rel = relative(dir, file).split('\\').join('/');
    const text = read(file);
    for (const other of vendors) {
      if (other !== name && text.includes(`'@tokenwise/${other}`)) {
        fail(rel, 'no vendor imports another vendor', `imports @tokenwise/${other}`);
      }
    }
    if (rel !== 'src/index.ts' && /from '@tokenwise\/auth-core'/.test(text)) {
      fail(rel, 'vendor code imports the vendor face', "import from '@tokenwise/auth-core/vendor'");
    }
    for (const { rule, pattern, allow } of FORBIDDEN) {
      if (allow?.includes(rel)) continue;
      const lines = text.split('\n');
      const line = lines.findIndex((l) => pattern.test(l) && !/^\s*(\/\/|\*)/.test(l));
      if (line !== -1) fail(`${rel}:${line + 1}`, rule, (lines[line] ?? '').trim());
    }
  }

  const readme = existsSync(join(dir, 'README.md')) ? read(join(dir, 'README.md')) : '';
  const headings = [...readme.matchAll(/^## (.+)$/gm)].map((m) => (m[1] ?? '').trim());
  let cursor = -1;
  for (const section of README_SECTIONS) {
    const position = headings.findIndex((h, i) => i > cursor && h === section);
    if (position === -1) {
      fail(
        'README.md',
        'README sections',
        `no "## ${section}" after "## ${README_SECTIONS[README_SECTIONS.indexOf(section) - 1] ?? '(start)'}"`,
      );
    } else {
      cursor = position;
    }
  }
  return found;
}

/** A violation as one line, for assertion messages. */
export function describeViolation(v: Violation): string {
  return `${v.file}: ${v.rule} — ${v.detail}`;
}
