// `pnpm new-vendor <name>`: scaffolds packages/<name> on the vendor kit from tooling/templates/vendor
// and registers it wherever vendors are listed (examples, CLI, sandbox, demo, the CLI tests that
// enumerate vendors), then links it with `pnpm install`. It checks everything before writing
// anything, never overwrites a file, and patches lists only at anchors it has found.
//
// Usage: node tooling/scripts/new-vendor.mjs <name> [--no-install] [--dry-run]
// Exit codes: 0 done, 2 bad name or usage, 1 anything else. A write that fails half-way is undone:
// the files it created are removed and the lists it patched restored, so a second run starts clean.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const templates = join(root, 'tooling', 'templates');

/** Names that are taken by the workspace or would read as something else. */
const RESERVED = new Set([
  'auth-core',
  'cli',
  'config',
  'examples',
  'bench',
  'reference',
  'mock',
  'vendor',
  'testing',
]);

class UsageFailure extends Error {}

function fail(message) {
  throw new UsageFailure(message);
}

/** The spellings a template uses, from the kebab-case package name. */
export function spellings(name) {
  const pascal = name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
  return {
    __vendorCamel__: pascal.charAt(0).toLowerCase() + pascal.slice(1),
    __Vendor__: pascal,
    __VENDOR__: name.toUpperCase().replace(/-/g, '_'),
    __vendor__: name,
  };
}

function fill(text, words) {
  let out = text;
  for (const [token, value] of Object.entries(words)) out = out.split(token).join(value);
  return out;
}

function workspaceNames() {
  const names = new Set();
  for (const group of ['packages', 'tooling']) {
    for (const entry of readdirSync(join(root, group))) {
      const pkg = join(root, group, entry, 'package.json');
      if (existsSync(pkg)) names.add(JSON.parse(readFileSync(pkg, 'utf8')).name);
    }
  }
  return names;
}

function checkName(name) {
  if (name === undefined || name.startsWith('-')) {
    fail('usage: pnpm new-vendor <name>   (lowercase letters, digits and dashes, e.g. "tado")');
  }
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name) || name.length > 40) {
    fail(
      `"${name}" is not a vendor name: use lowercase letters, digits and single dashes, starting with a letter (at most 40 characters)`,
    );
  }
  if (RESERVED.has(name)) fail(`"${name}" is reserved in this workspace; pick the vendor's own name`);
  if (existsSync(join(root, 'packages', name))) fail(`packages/${name} already exists; nothing was written`);
  if (workspaceNames().has(`@tokenwise/${name}`)) fail(`@tokenwise/${name} is already a workspace package`);
}

function templateFiles(dir, prefix = '') {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    const rel = prefix === '' ? entry : `${prefix}/${entry}`;
    return statSync(path).isDirectory() ? templateFiles(path, rel) : [rel];
  });
}

/** Inserts `line` after the last line matching `after`, or fails naming the file and anchor. */
function insertAfterLast(text, after, line, file) {
  const lines = text.split('\n');
  const index = lines.findLastIndex((l) => after.test(l));
  if (index === -1) throw new Error(`${file}: found no line matching ${after} to register the vendor after`);
  lines.splice(index + 1, 0, line);
  return lines.join('\n');
}

function replaceOnce(text, pattern, replacer, file) {
  if (!pattern.test(text)) throw new Error(`${file}: found no ${pattern} to register the vendor in`);
  return text.replace(pattern, replacer);
}

function sortedObject(object) {
  return Object.fromEntries(Object.entries(object).sort(([a], [b]) => a.localeCompare(b)));
}

function addDependency(text, name, range) {
  const pkg = JSON.parse(text);
  pkg.dependencies = sortedObject({ ...pkg.dependencies, [`@tokenwise/${name}`]: range });
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

/** Every file to create and every list to patch, computed before anything is written. */
function plan(name) {
  const words = spellings(name);
  const key = /^[a-z][a-z0-9]*$/.test(name) ? name : `'${name}'`;
  const creates = new Map();
  const vendorDir = join(templates, 'vendor');
  for (const rel of templateFiles(vendorDir)) {
    const target = join(root, 'packages', name, fill(rel.replace(/\.tpl$/, ''), words));
    creates.set(target, fill(readFileSync(join(vendorDir, rel), 'utf8'), words));
  }
  const registration = (file) => fill(readFileSync(join(templates, 'registration', file), 'utf8'), words);
  creates.set(join(root, '.changeset', `${name}-initial.md`), registration('changeset.md.tpl'));
  creates.set(
    join(root, 'packages', 'cli', 'src', 'vendors', `${name}.ts`),
    registration('cli-adapter.ts.tpl'),
  );
  creates.set(join(root, 'examples', 'demo', 'vendors', `${name}.ts`), registration('demo-vendor.ts.tpl'));
  creates.set(join(root, 'examples', 'demo', 'children', `${name}.mjs`), registration('demo-child.mjs.tpl'));

  const camel = words.__vendorCamel__;
  const patches = [
    ['examples/package.json', (t, f) => addDependency(t, name, 'workspace:*', f), true],
    ['packages/cli/package.json', (t, f) => addDependency(t, name, 'workspace:^', f), true],
    [
      'packages/cli/src/vendors/vendor-adapter.ts',
      (t, f) =>
        replaceOnce(t, /(export const VENDOR_IDS = \[[^\]]*?)(,?\s*\] as const;)/, `$1, '${name}'$2`, f),
      true,
    ],
    [
      'packages/cli/src/vendors/index.ts',
      (t, f) =>
        replaceOnce(
          insertAfterLast(
            t,
            /^import .* from '\.\/[\w-]+\.js';$/,
            `import { ${camel}Adapter } from './${name}.js';`,
            f,
          ),
          /(export const VENDORS[^=]*= \{[^}]*?)(\n\};)/,
          `$1\n  ${key}: ${camel}Adapter,$2`,
          f,
        ),
      true,
    ],
    [
      'examples/demo/index.ts',
      (t, f) =>
        replaceOnce(
          insertAfterLast(
            t,
            /^import .* from '\.\/vendors\/[\w-]+\.js';$/,
            `import { ${camel}Demo } from './vendors/${name}.js';`,
            f,
          ),
          /(\n\]\.map\(vendorScenario\))/,
          `\n  ${camel}Demo,$1`,
          f,
        ),
      true,
    ],
    [
      'README.md',
      (t, f) =>
        insertAfterLast(
          t,
          /^\| \[`@tokenwise\/(?!store-|cli`)[\w-]+`\]\(packages\/[\w-]+\) \|/,
          `| [\`@tokenwise/${name}\`](packages/${name}) | ${words.__Vendor__}: TODO(${name}) what it is and how it logs in |`,
          f,
        ),
      false,
    ],
    // The CLI tests spell out the vendor list; they must name the new vendor too.
    [
      'packages/cli/test/errors.test.ts',
      (t, f) =>
        replaceOnce(
          t,
          /\['login', '([a-z0-9-]+)'\],(\s*)\/unknown vendor '([a-z0-9-]+)' \\\(known: ([a-z0-9, -]+?)\\\)\//,
          (_m, typed, space, shown, known) => {
            // The test's example of an unknown vendor must stay unknown.
            const unknown = typed === name ? 'not-a-vendor' : typed;
            const unknownShown = shown === name ? 'not-a-vendor' : shown;
            return `['login', '${unknown}'],${space}/unknown vendor '${unknownShown}' \\(known: ${known}, ${name}\\)/`;
          },
          f,
        ),
      false,
    ],
    [
      'packages/cli/test/sandbox.test.ts',
      (t, f) =>
        replaceOnce(
          t,
          /(expect\(Object\.keys\(urls\)\.sort\(\)\)\.toEqual\(\[)([^\]]*)(\]\))/,
          (_m, open, list, close) => {
            const indent = /\n(\s*)'/.exec(list)?.[1] ?? '        ';
            const names = [...list.matchAll(/'([A-Z0-9_]+)'/g)].map((m) => m[1]);
            names.push(`TOKENWISE_${words.__VENDOR__}_URL`);
            names.sort();
            return `${open}\n${names.map((n) => `${indent}'${n}',`).join('\n')}\n${indent.slice(2)}${close}`;
          },
          f,
        ).replace('(TOKENWISE_[A-Z_]+_URL)', '(TOKENWISE_[A-Z0-9_]+_URL)'),
      false,
    ],
  ];
  const patched = new Map();
  const originals = new Map();
  const warnings = [];
  for (const [rel, patch, required] of patches) {
    const file = join(root, rel);
    if (!existsSync(file)) {
      if (required) throw new Error(`${rel} is missing; cannot register the vendor`);
      warnings.push(`${rel} is missing; not patched`);
      continue;
    }
    try {
      const original = readFileSync(file, 'utf8');
      patched.set(file, patch(original, rel));
      originals.set(file, original);
    } catch (error) {
      if (required) throw error;
      warnings.push(`${error.message}; add the vendor there by hand`);
    }
  }
  for (const file of creates.keys()) {
    if (existsSync(file))
      throw new UsageFailure(`${relative(root, file)} already exists; nothing was written`);
  }
  return { creates, patched, originals, warnings };
}

/** The directories `mkdirSync(dir, { recursive: true })` would create for `file`, deepest first. */
function missingDirs(file) {
  const dirs = [];
  for (let dir = dirname(file); !existsSync(dir); dir = dirname(dir)) dirs.push(dir);
  return dirs;
}

/**
 * Writes the plan; on any failure undoes what it wrote (created files and
 * directories removed, patched files restored) and rethrows.
 */
function apply({ creates, patched, originals }) {
  const createdFiles = [];
  const createdDirs = [];
  const patchedFiles = [];
  try {
    for (const [file, text] of creates) {
      const dirs = missingDirs(file);
      mkdirSync(dirname(file), { recursive: true });
      createdDirs.push(...dirs);
      writeFileSync(file, text, { flag: 'wx' });
      createdFiles.push(file);
    }
    for (const [file, text] of patched) {
      patchedFiles.push(file);
      writeFileSync(file, text);
    }
  } catch (error) {
    const left = [];
    for (const file of patchedFiles) {
      try {
        writeFileSync(file, originals.get(file));
      } catch {
        left.push(relative(root, file));
      }
    }
    for (const file of createdFiles.reverse()) {
      try {
        unlinkSync(file);
      } catch {
        left.push(relative(root, file));
      }
    }
    // Deepest first: a directory is removed only once it is empty again.
    for (const dir of createdDirs.sort((a, b) => b.length - a.length)) {
      try {
        rmdirSync(dir);
      } catch {
        left.push(`${relative(root, dir)}/`);
      }
    }
    const undone =
      left.length === 0 ? 'everything written so far was undone' : `could not undo: ${left.join(', ')}`;
    throw new Error(`${error.message} (${undone})`);
  }
}

function run(command, args, options = {}) {
  return spawnSync(command, args, { cwd: root, encoding: 'utf8', ...options });
}

function main(argv) {
  const flags = ['--no-install', '--dry-run'];
  const args = argv.filter((a) => !flags.includes(a));
  const install = !argv.includes('--no-install');
  const dryRun = argv.includes('--dry-run');
  const unknown = args.filter((a) => a.startsWith('-'));
  if (unknown.length > 0) {
    fail(`unknown option ${unknown[0]}; usage: pnpm new-vendor <name> [--no-install] [--dry-run]`);
  }
  if (args.length > 1) fail('usage: pnpm new-vendor <name>   (one name)');
  const name = args[0];
  checkName(name);
  const planned = plan(name);
  const { creates, patched, warnings } = planned;
  const written = [...creates.keys(), ...patched.keys()].map((f) => relative(root, f));
  const out = (line) => process.stdout.write(`${line}\n`);
  if (dryRun) {
    out(`Would create packages/${name} (@tokenwise/${name}) and register it (--dry-run: nothing written):`);
    for (const file of written) out(`  ${creates.has(join(root, file)) ? 'new    ' : 'patched'} ${file}`);
    for (const warning of warnings) out(`warning: ${warning}`);
    return 0;
  }
  apply(planned);
  out(`Created packages/${name} (@tokenwise/${name}) and registered it:`);
  for (const file of written) out(`  ${creates.has(join(root, file)) ? 'new    ' : 'patched'} ${file}`);
  for (const warning of warnings) out(`warning: ${warning}`);

  if (install) {
    out('\nLinking it: pnpm install --prefer-offline');
    let result = run('pnpm', ['install', '--prefer-offline', '--no-frozen-lockfile'], { stdio: 'inherit' });
    if (result.status !== 0) {
      out('pnpm install --prefer-offline failed; trying pnpm install');
      result = run('pnpm', ['install', '--no-frozen-lockfile'], { stdio: 'inherit' });
    }
    if (result.status !== 0) {
      out('pnpm install failed: run it yourself before building.');
      return 1;
    }
    out('pnpm-lock.yaml changed: commit it with the package.');
  } else {
    out('\nNot installed (--no-install): run `pnpm install` and commit pnpm-lock.yaml.');
  }
  const codeFiles = written.filter((f) => /\.(ts|mjs)$/.test(f));
  // Formats what was written and sorts the imports added to the registries.
  const biome = run(join(root, 'node_modules', '.bin', 'biome'), ['check', '--write', ...codeFiles]);
  if (biome.error !== undefined)
    out('warning: biome is not installed here; run `pnpm install`, then `pnpm format`');
  else if (biome.status !== 0) out(`warning: biome check --write reported:\n${biome.stdout}${biome.stderr}`);

  out(`
Next (tooling/NEW_VENDOR.md is the checklist):
  pnpm --filter @tokenwise/${name} build && npx vitest run packages/${name}
  then replace every TODO(${name}) placeholder with the vendor's real flow.`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`new-vendor: ${error.message}\n`);
  process.exitCode = error instanceof UsageFailure ? 2 : 1;
}
