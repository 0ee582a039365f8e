// Typechecks every ```ts / ```typescript block of the root README and every packages/*/README.md
// the way a user meets it: each block is its own ES module in a folder whose node_modules holds
// only the packages that README (or a `// npm install …` line in the block) tells the user to
// install, so an import of a package the user never installed fails as it would under pnpm's
// strict layout. The first checked block of each README (its quick start) must also parse as
// plain JavaScript on this Node, so pasting it into a .mjs file works (no `await using` on Node 20).
//
// Skip a block that is deliberately a fragment with ```ts nocheck or a `<!-- snippet: skip -->`
// line right above it; keep that rare.
//
// Usage: node tooling/scripts/check-readme-snippets.mjs [--keep] [--rev <commit>]
//   (packages must be built; --rev checks the READMEs as they were at a commit, against today's build)
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';

const root = fileURLToPath(new URL('../../', import.meta.url));
// One folder per run: two checks at once (parallel work, a test that runs it) must not share one.
const work = join(root, '.tmp', `readme-snippets-${process.pid}`);
const keep = process.argv.includes('--keep');
const revIndex = process.argv.indexOf('--rev');
const rev = revIndex === -1 ? undefined : process.argv[revIndex + 1];

function readReadme(path) {
  return rev === undefined
    ? readFileSync(join(root, path), 'utf8')
    : execFileSync('git', ['show', `${rev}:${path}`], { cwd: root, encoding: 'utf8' });
}

/** Published workspace packages by name: their folders are what a user would get from the registry. */
const packages = new Map(
  readdirSync(join(root, 'packages'))
    .map((dir) => ({
      dir: join(root, 'packages', dir),
      pkg: readJson(join(root, 'packages', dir, 'package.json')),
    }))
    .filter(({ pkg }) => pkg && !pkg.private)
    .map(({ dir, pkg }) => [pkg.name, dir]),
);

function readJson(path) {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
}

const INSTALL = /\b(?:npm\s+(?:i|install|add)|pnpm\s+(?:add|install|i)|yarn\s+add)\s+([^\n#&|;]+)/g;

/** Package names an install command in `text` installs (flags dropped, version ranges cut off). */
function installedBy(text) {
  const names = [];
  for (const match of text.matchAll(INSTALL)) {
    const words = match[1].trim().split(/\s+/);
    // A global install gives a command, not something a module can import.
    if (words.includes('-g') || words.includes('--global')) continue;
    for (const word of words) {
      if (word.startsWith('-') || word === '') continue;
      names.push(word.replace(/(?<=.)@[^/]*$/, ''));
    }
  }
  return names;
}

/** The code blocks of one markdown file, with the 1-based line of each opening fence. */
function blocksOf(markdown) {
  const lines = markdown.split('\n');
  const blocks = [];
  let open;
  lines.forEach((line, index) => {
    const fence = /^(\s*)```(\S*)(.*)$/.exec(line);
    if (open === undefined && fence) {
      open = {
        lang: fence[2],
        info: fence[3].trim(),
        line: index + 1,
        body: [],
        before: previousText(lines, index),
      };
    } else if (open !== undefined && /^\s*```\s*$/.test(line)) {
      blocks.push({ ...open, code: open.body.join('\n') });
      open = undefined;
    } else if (open !== undefined) {
      open.body.push(line);
    }
  });
  return blocks;
}

function previousText(lines, index) {
  for (let i = index - 1; i >= 0; i--) if (lines[i].trim() !== '') return lines[i].trim();
  return '';
}

const isTs = (block) => block.lang === 'ts' || block.lang === 'typescript';
const skipped = (block) =>
  /\bnocheck\b/.test(block.info) || /^<!--\s*snippet:\s*skip\s*-->$/.test(block.before);

/** Links `name` into `nodeModules` from the workspace (tokenwise packages) or an installed copy. */
function link(nodeModules, name, fromDir) {
  const target =
    packages.get(name) ??
    [join(fromDir, 'node_modules', name), join(root, 'node_modules', name)].find((path) => existsSync(path));
  if (target === undefined) throw new Error(`cannot find ${name} to install for a snippet`);
  const path = join(nodeModules, name);
  mkdirSync(dirname(path), { recursive: true });
  if (!existsSync(path)) symlinkSync(realpathSync(target), path, 'dir');
}

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

const readmes = [
  'README.md',
  ...[...packages.values()].map((dir) => relative(root, join(dir, 'README.md'))),
].filter((path) => existsSync(join(root, path)));
const snippets = [];
const problems = [];
for (const readme of readmes) {
  const markdown = readReadme(readme);
  const blocks = blocksOf(markdown);
  const readmeInstalls = blocks
    .filter((b) => /^(sh|bash|shell|console)$/.test(b.lang))
    .flatMap((b) => installedBy(b.code));
  const ownDir = dirname(join(root, readme));
  let first = true;
  for (const block of blocks.filter(isTs)) {
    if (skipped(block)) continue;
    const slug = `${readme.replace(/\/README\.md$|README\.md$/, '').replace(/[^a-z0-9]+/gi, '-') || 'root'}-L${block.line}`;
    const dir = join(work, slug);
    const installs = [...new Set([...readmeInstalls, ...installedBy(block.code)])];
    // The root README addresses someone choosing among the packages: any of them may be installed.
    for (const name of readme === 'README.md' && installs.length === 0 ? packages.keys() : installs) {
      link(join(dir, 'node_modules'), name, ownDir);
    }
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'snippet.ts'), `${block.code}\nexport {};\n`);
    snippets.push({ readme, block, dir, slug });
    if (first) {
      // A quick start pasted into a .mjs file must at least parse on this Node.
      writeFileSync(join(dir, 'quick-start.mjs'), `${block.code}\n`);
      const check = spawnSync(process.execPath, ['--check', join(dir, 'quick-start.mjs')], {
        encoding: 'utf8',
      });
      if (check.status !== 0) {
        const reason = check.stderr.split('\n').find((line) => /Error/.test(line)) ?? check.stderr.trim();
        problems.push(
          `${readme}:${block.line}: the quick start is not valid JavaScript on Node ${process.version}: ${reason}`,
        );
      }
      first = false;
    }
  }
}

writeFileSync(join(work, 'package.json'), `${JSON.stringify({ private: true, type: 'module' }, null, 2)}\n`);

/** Runs tsc over the given snippet folders; returns its diagnostics, one string per line. */
function typecheck(slugs) {
  writeFileSync(
    join(work, 'tsconfig.json'),
    `${JSON.stringify(
      {
        extends: relative(work, join(root, 'tsconfig.base.json')),
        compilerOptions: {
          noEmit: true,
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          declaration: false,
        },
        files: slugs.map((slug) => `${slug}/snippet.ts`),
      },
      null,
      2,
    )}\n`,
  );
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', join(work, 'tsconfig.json'), '--pretty', 'false'], {
    cwd: work,
    encoding: 'utf8',
  });
  return `${result.stdout}${result.stderr}`.split('\n').filter(Boolean);
}

const DIAGNOSTIC = /^(?:.*[\\/])?([^\\/]+)[\\/]snippet\.ts\((\d+),(\d+)\): error TS(\d+): (.*)$/;
const bySlug = new Map(snippets.map((s) => [s.slug, s]));
let lines = typecheck(snippets.map((s) => s.slug));
// tsc skips type errors everywhere when any file has a syntax error (TS1xxx): report those
// files' syntax errors, then typecheck the rest again so one bad block hides nothing.
const broken = new Set(
  lines.map((line) => DIAGNOSTIC.exec(line)).flatMap((m) => (m && Number(m[4]) < 2000 ? [m[1]] : [])),
);
if (broken.size > 0) {
  const rest = snippets.map((s) => s.slug).filter((slug) => !broken.has(slug));
  lines = [
    ...lines.filter((line) => broken.has(DIAGNOSTIC.exec(line)?.[1] ?? '')),
    ...(rest.length ? typecheck(rest) : []),
  ];
}

// Map "slug/snippet.ts(3,7): error TS…" back to "packages/x/README.md:<line>:<col>: error TS…".
for (const line of lines) {
  // tsc indents the explanation of a diagnostic: keep it with the error it explains.
  if (/^\s/.test(line) && problems.length > 0) {
    problems[problems.length - 1] += `\n  ${line}`;
    continue;
  }
  const match = DIAGNOSTIC.exec(line);
  const snippet = match && bySlug.get(match[1]);
  if (snippet) {
    problems.push(
      `${snippet.readme}:${snippet.block.line + Number(match[2])}:${match[3]}: error TS${match[4]}: ${match[5]}`,
    );
  } else problems.push(line);
}

// Blocks that serve a package's mock cloud are complete programs: run them too (127.0.0.1 only).
const runnable = snippets.filter(({ block }) => /from '@tokenwise\/[a-z-]+\/mock'/.test(block.code));
for (const { readme, block, dir } of runnable) {
  const { code } = transformSync(block.code, { loader: 'ts', format: 'esm', target: 'node20' });
  writeFileSync(join(dir, 'run.mjs'), code);
  const run = spawnSync(process.execPath, [join(dir, 'run.mjs')], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (run.status !== 0) {
    const reason = `${run.stderr}`.trim().split('\n').slice(0, 6).join('\n    ') || `signal ${run.signal}`;
    problems.push(
      `${readme}:${block.line}: the example against the mock failed (exit ${run.status}):\n    ${reason}`,
    );
  }
}

if (!keep) rmSync(work, { recursive: true, force: true });
const skippedCount = readmes
  .flatMap((readme) => blocksOf(readReadme(readme)))
  .filter((b) => isTs(b) && skipped(b)).length;
if (problems.length > 0) {
  process.stderr.write(
    `README snippets: ${problems.length} problem(s)\n${problems.map((p) => `  ${p}`).join('\n')}\n`,
  );
  process.exit(1);
}
process.stdout.write(
  `README snippets: ${snippets.length} TypeScript blocks in ${readmes.length} READMEs typecheck (${skippedCount} marked nocheck); ${runnable.length} mock examples ran\n`,
);
