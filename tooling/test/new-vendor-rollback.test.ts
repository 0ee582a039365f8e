// `pnpm new-vendor` when it cannot finish: a write that fails half-way leaves the repository as it
// was (created files removed, patched lists restored), and `--dry-run` writes nothing. Runs in a
// temporary copy of the repository's sources, never in this one.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const NOT_COPIED = new Set(['node_modules', '.git', '.turbo', '.tmp', 'coverage', 'dist', 'docs']);
let copy: string;

function generate(...args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(copy, 'tooling', 'scripts', 'new-vendor.mjs'), ...args],
      { cwd: copy, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        resolve({ code: error === null ? 0 : Number(error.code ?? 1), out: `${stdout}${stderr}` });
      },
    );
  });
}

/** Every file of the copy with its content: what the generator must leave unchanged. */
function snapshot(): Map<string, string> {
  const files = readdirSync(copy, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return new Map(
    files.map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return [relative(copy, path).split(sep).join('/'), readFileSync(path, 'utf8')];
    }),
  );
}

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'tokenwise-new-vendor-undo-'));
  cpSync(repo, copy, { recursive: true, filter: (source) => !NOT_COPIED.has(source.split(sep).pop() ?? '') });
}, 60_000);

afterAll(() => {
  if (copy !== undefined) rmSync(copy, { recursive: true, force: true });
});

describe('pnpm new-vendor that cannot finish', () => {
  it('--dry-run lists every file it would write and writes none', async () => {
    const before = snapshot();
    const result = await generate('widget', '--dry-run');
    expect(result.code).toBe(0);
    expect(result.out).toContain('nothing written');
    expect(result.out).toMatch(/new {5}packages\/widget\/src\/strategy\.ts/);
    expect(result.out).toMatch(/patched examples\/demo\/index\.ts/);
    expect(snapshot()).toEqual(before);
  });

  it('a write failing half-way is undone: no package left, every patched list restored', async () => {
    // The demo's children folder is a file here: writing the demo child fails after the package
    // itself has been written, before any list is patched.
    rmSync(join(copy, 'examples', 'demo', 'children'), { recursive: true });
    writeFileSync(join(copy, 'examples', 'demo', 'children'), 'not a folder\n');
    const before = snapshot();
    const result = await generate('widget', '--no-install');
    expect(result.code).toBe(1);
    expect(result.out).toContain('everything written so far was undone');
    expect(existsSync(join(copy, 'packages', 'widget'))).toBe(false);
    expect(existsSync(join(copy, '.changeset', 'widget-initial.md'))).toBe(false);
    expect(snapshot()).toEqual(before);
    // A second run after the cause is fixed starts clean.
    rmSync(join(copy, 'examples', 'demo', 'children'));
    cpSync(join(repo, 'examples', 'demo', 'children'), join(copy, 'examples', 'demo', 'children'), {
      recursive: true,
    });
    const again = await generate('widget', '--no-install');
    expect(again.out).toContain('Created packages/widget');
    expect(again.code).toBe(0);
    expect(readFileSync(join(copy, 'examples', 'demo', 'index.ts'), 'utf8')).toContain('widgetDemo');
  });
});
