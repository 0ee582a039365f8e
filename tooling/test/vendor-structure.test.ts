import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkVendorPackage, describeViolation, vendorPackages } from '../structure/vendor-rules.js';

const packagesDir = fileURLToPath(new URL('../../packages/', import.meta.url));
const vendors = vendorPackages(packagesDir);
const names = vendors.map((dir) => dir.split(/[\\/]/).pop() ?? '');

describe('vendor packages are uniform', () => {
  it('finds every vendor package', () => {
    expect(names).toEqual(expect.arrayContaining(['cozify', 'evohome', 'evrim', 'navien', 'vesync']));
  });

  for (const dir of vendors) {
    const name = dir.split(/[\\/]/).pop() ?? '';
    it(`${name} follows every structural rule`, () => {
      expect(checkVendorPackage(dir, names).map(describeViolation)).toEqual([]);
    });
  }
});

describe('the structural check itself', () => {
  const temp = mkdtempSync(join(tmpdir(), 'tokenwise-structure-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  // A copy of a real vendor, broken one rule at a time: each break must be reported with the file
  // and the rule (beyond whatever the untouched copy reports), or the check proves nothing.
  const copy = (edit: (dir: string) => void) => {
    const dir = join(temp, Math.random().toString(36).slice(2), 'vesync');
    cpSync(join(packagesDir, 'vesync'), dir, {
      recursive: true,
      filter: (source) => !/[\\/](node_modules|dist)([\\/]|$)/.test(source),
    });
    edit(dir);
    return checkVendorPackage(dir, names).map(describeViolation);
  };
  const untouched = copy(() => undefined);
  const broken = (edit: (dir: string) => void) => copy(edit).filter((v) => !untouched.includes(v));

  it('names a timer in vendor code with its file and line', () => {
    const found = broken((dir) =>
      writeFileSync(join(dir, 'src', 'poller.ts'), 'export const t = setTimeout(() => {}, 5);\n'),
    );
    expect(found).toEqual([
      expect.stringMatching(/^packages\/vesync\/src\/poller\.ts:1: no timers in vendor code/),
    ]);
  });

  it('names store access, a direct strategy.refresh and a hand-written checker', () => {
    const found = broken((dir) =>
      writeFileSync(
        join(dir, 'src', 'sneaky.ts'),
        [
          "import type { TokenStore } from '@tokenwise/auth-core/vendor';",
          'export async function a(store: TokenStore) { return store.get("k"); }',
          'export async function b(strategy: { refresh(): Promise<void> }) { await strategy.refresh(); }',
          "export function storeOption(v: { get?: unknown }) { return typeof v.get === 'function'; }",
          '',
        ].join('\n'),
      ),
    );
    expect(found.join('\n')).toMatch(/sneaky\.ts:2: no store access/);
    expect(found.join('\n')).toMatch(/sneaky\.ts:3: no strategy\.login\/refresh outside the manager/);
    expect(found.join('\n')).toMatch(/sneaky\.ts:4: no hand-written option checkers/);
  });

  it('names an import of another vendor and of the user face from vendor code', () => {
    const found = broken((dir) =>
      writeFileSync(
        join(dir, 'src', 'mixed.ts'),
        "export { Cozify } from '@tokenwise/cozify';\nexport { FileStore } from '@tokenwise/auth-core';\n",
      ),
    );
    expect(found.join('\n')).toMatch(/mixed\.ts: no vendor imports another vendor/);
    expect(found.join('\n')).toMatch(/mixed\.ts: vendor code imports the vendor face/);
  });

  it('names a missing room, README section and package.json field', () => {
    const found = copy((dir) => {
      rmSync(join(dir, 'src', 'errors.ts'));
      writeFileSync(join(dir, 'README.md'), '# x\n\n## Install\n\n## Quick start\n');
      writeFileSync(
        join(dir, 'package.json'),
        JSON.stringify({ name: '@tokenwise/vesync', exports: { '.': {} } }),
      );
    });
    expect(found.join('\n')).toMatch(
      /packages\/vesync\/src\/: every vendor has the same rooms — missing src\/errors\.ts/,
    );
    expect(found.join('\n')).toMatch(/README\.md: README sections — no "## Options"/);
    expect(found.join('\n')).toMatch(/package\.json: package\.json field `exports`/);
    expect(found.join('\n')).toMatch(/package\.json: package\.json field `sideEffects`/);
  });
});
