import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// A fresh clone has nothing beside it: any file that reads the research folder next to the
// repository passes on one machine and fails on every other. Docs may mention it; code may not.
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const folder = ['sha', 'red'].join(''); // spelled in two parts so this file does not match itself

// A relative path up to the folder, the same as path.join segments, and a bare `<folder>/fixtures`.
const patterns = [
  new RegExp(`\\.\\./${folder}\\b`),
  new RegExp(`['"\`]\\.\\.['"\`]\\s*,\\s*['"\`]${folder}['"\`]`),
  new RegExp(`(^|[^\\w@./-])${folder}/(fixtures|vendors|seeds|hooks|DESIGN|STYLE|ANCHORS)\\b`),
];

const isDoc = (path: string): boolean => /\.(md|mdx|txt)$/i.test(path);

/** Every file git would commit: tracked ones and new ones not ignored yet. */
function repoFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return [...new Set(out.split('\0').filter(Boolean))];
}

/** `path:line: text` for every line of a non-doc file that reaches outside the repository. */
function outsideReferences(files: string[], read: (path: string) => string | undefined): string[] {
  const hits: string[] = [];
  for (const path of files.filter((p) => !isDoc(p))) {
    const text = read(path);
    if (text === undefined || text.includes('\0')) continue;
    text.split('\n').forEach((line, index) => {
      if (patterns.some((pattern) => pattern.test(line))) hits.push(`${path}:${index + 1}: ${line.trim()}`);
    });
  }
  return hits;
}

function readIfPresent(path: string): string | undefined {
  try {
    return readFileSync(`${repoRoot}${path}`, 'utf8');
  } catch {
    return undefined; // deleted in the working tree but still in the index
  }
}

describe('the repository is self-contained', () => {
  it('no file outside the docs reads or names the folder beside the repository', () => {
    const files = repoFiles();
    expect(files.length).toBeGreaterThan(100);
    expect(outsideReferences(files, readIfPresent)).toEqual([]);
  });

  it('names the file and line of each reference it finds', () => {
    const sources: Record<string, string> = {
      'packages/x/test/a.test.ts': `import x from 'y';\nconst dir = new URL('../../../../${folder}/fixtures/x/', import.meta.url);`,
      'packages/x/test/b.ts': `const p = join(__dirname, '..', '${folder}', 'f.json');`,
      'tooling/c.mjs': `readFileSync('${folder}/vendors/x.md');`,
      'tooling/d.md': `See ../${folder}/vendors/x.md.`,
      'packages/x/src/e.ts': `// a back-off ${folder} through the store; @scope/${folder}/x`,
    };
    expect(outsideReferences(Object.keys(sources), (p) => sources[p])).toEqual([
      `packages/x/test/a.test.ts:2: const dir = new URL('../../../../${folder}/fixtures/x/', import.meta.url);`,
      `packages/x/test/b.ts:1: const p = join(__dirname, '..', '${folder}', 'f.json');`,
      `tooling/c.mjs:1: readFileSync('${folder}/vendors/x.md');`,
    ]);
  });
});
