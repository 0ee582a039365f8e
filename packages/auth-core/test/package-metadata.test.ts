import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// What a registry page and a user's license scanner need from every published package: the
// license text in the tarball, where the source lives, where to report a bug, how to find it.
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const packagesDir = `${repoRoot}packages/`;
const REPO_URL = 'git+https://github.com/tokenwise/tokenwise.git';

interface Manifest {
  name: string;
  private?: boolean;
  license?: string;
  files?: string[];
  keywords?: string[];
  homepage?: string;
  bugs?: string | { url?: string };
  repository?: { type?: string; url?: string; directory?: string };
}

const published = readdirSync(packagesDir)
  .filter((dir) => existsSync(`${packagesDir}${dir}/package.json`))
  .map((dir) => ({
    dir,
    pkg: JSON.parse(readFileSync(`${packagesDir}${dir}/package.json`, 'utf8')) as Manifest,
  }))
  .filter(({ pkg }) => !pkg.private);

const isMit = (text: string): boolean =>
  text.startsWith('MIT License') &&
  /Copyright \(c\) \d{4} tokenwise contributors/.test(text) &&
  text.includes('Permission is hereby granted, free of charge');

describe('package metadata', () => {
  it('finds the published packages', () => {
    expect(published.map(({ pkg }) => pkg.name)).toEqual(
      expect.arrayContaining(['@tokenwise/auth-core', '@tokenwise/cli', '@tokenwise/vesync']),
    );
  });

  it('the repository root has the MIT LICENSE', () => {
    expect(isMit(readFileSync(`${repoRoot}LICENSE`, 'utf8'))).toBe(true);
  });

  it.each(published)('$pkg.name: LICENSE, repository, homepage, bugs, keywords', ({ dir, pkg }) => {
    expect(pkg.license).toBe('MIT');
    expect(existsSync(`${packagesDir}${dir}/LICENSE`), `packages/${dir}/LICENSE`).toBe(true);
    expect(isMit(readFileSync(`${packagesDir}${dir}/LICENSE`, 'utf8'))).toBe(true);
    // `files` restricts the tarball: LICENSE must be named in it.
    if (pkg.files) expect(pkg.files).toContain('LICENSE');
    expect(pkg.repository).toEqual({ type: 'git', url: REPO_URL, directory: `packages/${dir}` });
    expect(pkg.homepage).toBe(`https://github.com/tokenwise/tokenwise/tree/main/packages/${dir}#readme`);
    expect(pkg.bugs).toEqual({ url: 'https://github.com/tokenwise/tokenwise/issues' });
    expect(pkg.keywords?.length ?? 0).toBeGreaterThanOrEqual(4);
    expect(pkg.keywords).toContain('tokenwise');
  });

  it('vendor packages are findable by vendor name and as home automation', () => {
    const vendors: Record<string, string[]> = {
      vesync: ['vesync', 'levoit', 'etekcity'],
      evohome: ['evohome', 'honeywell', 'resideo'],
      navien: ['navien', 'navilink'],
      cozify: ['cozify'],
      evrim: ['evrim'],
    };
    for (const [dir, names] of Object.entries(vendors)) {
      const keywords = published.find((p) => p.dir === dir)?.pkg.keywords ?? [];
      expect(keywords, dir).toEqual(expect.arrayContaining(names));
      if (dir !== 'evrim') expect(keywords, dir).toContain('home-automation');
    }
  });

  // The packing itself (npm's rules, not ours) decides what a user downloads: check one for real.
  it('LICENSE is in the packed tarball', () => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: `${packagesDir}auth-core`,
      encoding: 'utf8',
      env: { ...process.env, npm_config_loglevel: 'silent' },
    });
    const [packed] = JSON.parse(out) as Array<{ files: Array<{ path: string }> }>;
    expect(packed?.files.map((f) => f.path)).toContain('LICENSE');
  });
});
