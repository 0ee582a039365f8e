import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Every published package must load both ways a user can load it: `require` (CommonJS, which
// reaches ESM-only ky through Node's require(esm)) and `import`, with the same exports.
const packagesDir = fileURLToPath(new URL('../../', import.meta.url));
const examplesDir = fileURLToPath(new URL('../../../examples/', import.meta.url));
const published = readdirSync(packagesDir)
  .map(
    (dir) =>
      JSON.parse(readFileSync(`${packagesDir}${dir}/package.json`, 'utf8')) as {
        name: string;
        private?: boolean;
        exports: Record<string, unknown>;
      },
  )
  .filter((pkg) => !pkg.private);
const entries = published.flatMap((pkg) =>
  Object.entries(pkg.exports)
    .filter(([subpath]) => subpath !== './package.json')
    .map(([subpath, conditions]) => ({
      specifier: subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`,
      // The testing kit imports vitest, which cannot be require()d: it is published ESM-only.
      cjs: typeof conditions === 'object' && conditions !== null && 'require' in conditions,
    })),
);

function exportsVia(kind: 'require' | 'import', specifier: string): string[] {
  const script =
    kind === 'require'
      ? `process.stdout.write(JSON.stringify(Object.keys(require(${JSON.stringify(specifier)})).sort()))`
      : `import(${JSON.stringify(specifier)}).then((m) => process.stdout.write(JSON.stringify(Object.keys(m).filter((k) => k !== 'default').sort())))`;
  const out = execFileSync(process.execPath, ['-e', script], { cwd: examplesDir, encoding: 'utf8' });
  return JSON.parse(out) as string[];
}

describe('published entry points load as CommonJS and as ESM', () => {
  it.each(entries.filter((e) => e.specifier !== '@tokenwise/cli' && e.cjs))('$specifier', ({ specifier }) => {
    const required = exportsVia('require', specifier);
    expect(required.length).toBeGreaterThan(0);
    expect(exportsVia('import', specifier)).toEqual(required);
  });

  it.each(entries.filter((e) => !e.cjs))('$specifier (ESM only)', ({ specifier }) => {
    expect(exportsVia('import', specifier).length).toBeGreaterThan(0);
  });
});
