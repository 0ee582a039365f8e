// size: min+gzip size of each package's ESM entry with its dependencies left external.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export async function runSize() {
  const root = new URL('../packages/', import.meta.url).pathname;
  console.log('size (ESM entry, minified + gzip, dependencies external)');
  const out = {};
  for (const name of readdirSync(root).sort()) {
    const dir = join(root, name);
    const entry = join(dir, 'dist', 'index.js');
    if (!existsSync(entry)) continue;
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const external = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})];
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'node',
      write: false,
      external: [...external, 'node:*', ...builtinModules],
    });
    const code = result.outputFiles[0].contents;
    const gz = gzipSync(code).length;
    out[pkg.name] = gz;
    const goal = pkg.name === '@tokenwise/auth-core' ? ' (goal <= 10 KB excluding zod)' : '';
    console.log(`  ${pkg.name.padEnd(26)} ${(gz / 1024).toFixed(1)} KB${goal}`);
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) await runSize();
