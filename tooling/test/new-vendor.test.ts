// `pnpm new-vendor` end to end: the generator runs in a temporary copy of the repository (never in
// this one), and the package it writes must build, typecheck, pass its own tests (the conformance
// suite included), the structural check and the README snippet check, and be registered in the CLI,
// the examples and the demo, unedited.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkVendorPackage, describeViolation, vendorPackages } from '../structure/vendor-rules.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
// Letters only: the name becomes an identifier, an env-variable part and a CLI vendor id.
const name = `acme-${Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('')}`;
const pascal = name
  .split('-')
  .map((part) => `${part.charAt(0).toUpperCase()}${part.slice(1)}`)
  .join('');
/** Folders that are rebuilt in the copy (node_modules by pnpm) or that only this checkout needs. */
const NOT_COPIED = new Set(['node_modules', '.git', '.turbo', '.tmp', 'coverage']);

let copy: string;
let statusBefore: string;

interface Run {
  code: number;
  out: string;
}

/** Runs a command in the copy without blocking this worker; the nested vitest must not see ours. */
function run(command: string, args: string[], cwd = copy, timeoutMs = 120_000): Promise<Run> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(VITEST|__VITEST|TINYPOOL|NODE_OPTIONS)/.test(key)),
  );
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd, env: { ...env, CI: 'true', NO_COLOR: '1' }, timeout: timeoutMs, maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        // biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour codes
        resolve({ code, out: `${stdout}${stderr}`.replace(/\u001b\[[0-9;]*m/g, '') });
      },
    );
  });
}

const bin = (tool: string) => join(copy, 'node_modules', '.bin', tool);
const read = (path: string) => readFileSync(join(copy, path), 'utf8');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.parentPath.split(sep).includes('node_modules'))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

async function gitStatus(): Promise<string> {
  return (await run('git', ['status', '--porcelain', '--untracked-files=all'], repo)).out;
}

beforeAll(async () => {
  statusBefore = await gitStatus();
  copy = mkdtempSync(join(tmpdir(), 'tokenwise-new-vendor-'));
  cpSync(repo, copy, {
    recursive: true,
    filter: (source) => !NOT_COPIED.has(source.split(sep).pop() ?? ''),
  });
}, 60_000);

afterAll(async () => {
  if (copy !== undefined) rmSync(copy, { recursive: true, force: true });
  // The generator ran in the copy only: this checkout is exactly as it was.
  const statusAfter = await gitStatus();
  expect(statusAfter).not.toContain(name);
  expect(statusAfter).toBe(statusBefore);
  expect(existsSync(join(repo, 'packages', name))).toBe(false);
});

describe('pnpm new-vendor', () => {
  it('refuses bad names with exit code 2 and writes nothing', async () => {
    const before = filesUnder(join(copy, 'packages', 'evrim'));
    for (const bad of ['Acme', 'acme_corp', '-acme', '9acme', 'acme--corp', 'evrim', 'cli', 'auth-core']) {
      const result = await run(process.execPath, ['tooling/scripts/new-vendor.mjs', bad, '--no-install']);
      expect(result.code, bad).toBe(2);
      expect(result.out, bad).toMatch(/^new-vendor: /);
    }
    expect((await run(process.execPath, ['tooling/scripts/new-vendor.mjs'])).code).toBe(2);
    expect(filesUnder(join(copy, 'packages', 'evrim'))).toEqual(before);
    expect(existsSync(join(copy, 'packages', 'Acme'))).toBe(false);
  });

  it('generates, registers and links a package, then refuses to generate it again', async () => {
    const generated = await run(process.execPath, ['tooling/scripts/new-vendor.mjs', name]);
    expect(generated.out).toContain(`Created packages/${name}`);
    expect(generated.out).toContain('pnpm-lock.yaml changed');
    expect(generated.code, generated.out).toBe(0);
    expect(generated.out).not.toContain('warning:');

    const again = await run(process.execPath, ['tooling/scripts/new-vendor.mjs', name, '--no-install']);
    expect(again.code).toBe(2);
    expect(again.out).toContain(`packages/${name} already exists`);

    expect(JSON.parse(read('examples/package.json')).dependencies[`@tokenwise/${name}`]).toBe('workspace:*');
    expect(JSON.parse(read('packages/cli/package.json')).dependencies[`@tokenwise/${name}`]).toBe(
      'workspace:^',
    );
    expect(read('pnpm-lock.yaml')).toContain(`packages/${name}:`);
    expect(read('packages/cli/src/vendors/vendor-adapter.ts')).toContain(`'${name}'`);
    expect(read('packages/cli/src/vendors/index.ts')).toContain(`'${name}': `);
    expect(read('examples/demo/index.ts')).toContain(`from './vendors/${name}.js'`);
    expect(read('README.md')).toContain(`| [\`@tokenwise/${name}\`](packages/${name}) |`);
    expect(existsSync(join(copy, '.changeset', `${name}-initial.md`))).toBe(true);
  }, 150_000);

  it('the package builds, typechecks and passes its own tests, the conformance suite included', async () => {
    const dir = join(copy, 'packages', name);
    const build = await run(bin('tsup'), [], dir);
    expect(build.code, build.out).toBe(0);
    const typecheck = await run(bin('tsc'), ['-p', 'tsconfig.json', '--noEmit'], dir);
    expect(typecheck.code, typecheck.out).toBe(0);
    const tests = await run(bin('vitest'), ['run', `packages/${name}`, '--reporter=verbose']);
    expect(tests.code, tests.out).toBe(0);
    expect(tests.out).toMatch(/Test Files\s+5 passed \(5\)/);
    expect(tests.out).not.toMatch(/\d+ (failed|skipped)/);
    expect(tests.out).toContain('strategy conformance');
  }, 150_000);

  it('follows every structural rule, is formatted, and its README snippets compile', async () => {
    const packagesDir = join(copy, 'packages');
    const vendors = vendorPackages(packagesDir).map((dir) => dir.split(sep).pop() ?? '');
    expect(vendors).toContain(name);
    expect(checkVendorPackage(join(packagesDir, name), vendors).map(describeViolation)).toEqual([]);
    const biome = await run(bin('biome'), [
      'ci',
      `packages/${name}`,
      'packages/cli/src/vendors',
      'packages/cli/test',
      'examples/demo',
    ]);
    expect(biome.code, biome.out).toBe(0);
    const snippets = await run(process.execPath, ['tooling/scripts/check-readme-snippets.mjs']);
    expect(snippets.code, snippets.out).toBe(0);
    expect(read(`packages/${name}/README.md`)).toContain(`${pascal}Client.create`);
  }, 150_000);

  it('the CLI typechecks with its adapter and the demo runs its scenario', async () => {
    const cli = await run(bin('tsc'), ['-p', 'tsconfig.json', '--noEmit'], join(copy, 'packages', 'cli'));
    expect(cli.code, cli.out).toBe(0);
    const examples = await run(bin('tsc'), ['-p', 'tsconfig.json', '--noEmit'], join(copy, 'examples'));
    expect(examples.code, examples.out).toBe(0);
    const demo = await run(bin('tsx'), ['examples/demo/index.ts']);
    expect(demo.code, demo.out).toBe(0);
    expect(demo.out).toContain(`▶ ${name}`);
    expect(demo.out).toMatch(new RegExp(`^${name} +\\d+ +1 +\\d+ +0 +5/5$`, 'm'));
  }, 150_000);
});
