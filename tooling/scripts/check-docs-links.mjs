// Checks every local link of the generated API reference (docs/api, built by `pnpm docs`):
// the target file exists and, when the link names a fragment, the target page has that id.
// TypeDoc's own validation covers `{@link}` in TSDoc; this covers what it does not: relative
// links in the READMEs it renders (to files, to headings of another README) and the pages it
// writes itself. External (http, mailto) links are not fetched: the check works offline.
//
// Usage: node tooling/scripts/check-docs-links.mjs [site folder, default docs/api]
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const site = resolve(root, process.argv[2] ?? 'docs/api');

if (!existsSync(join(site, 'index.html'))) {
  console.error(`${relative(root, site)}/index.html is missing: run \`pnpm docs\` first`);
  process.exit(1);
}

function htmlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return htmlFiles(path);
    return entry.name.endsWith('.html') ? [path] : [];
  });
}

const idsByPage = new Map();
/** The ids (and legacy `name` anchors) a page defines, read once. */
function anchorsOf(page) {
  let ids = idsByPage.get(page);
  if (ids === undefined) {
    const html = readFileSync(page, 'utf8');
    ids = new Set([...html.matchAll(/\s(?:id|name)="([^"]*)"/g)].map((match) => decodeEntities(match[1])));
    idsByPage.set(page, ids);
  }
  return ids;
}

function decodeEntities(text) {
  return text
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

const pages = htmlFiles(site);
const broken = [];
let checked = 0;
for (const page of pages) {
  const html = readFileSync(page, 'utf8');
  for (const match of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
    const link = decodeEntities(match[1]);
    // Absolute URLs, protocol-relative ones and the theme's javascript: links are not files here.
    if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(link)) continue;
    checked += 1;
    const [pathAndQuery, fragment] = splitOnce(link, '#');
    const path = decodeURIComponent(splitOnce(pathAndQuery, '?')[0]);
    const target = path === '' ? page : resolve(dirname(page), path);
    const where = relative(site, page);
    if (!target.startsWith(site) || !existsSync(target)) {
      broken.push(`${where}: ${link} (no such file)`);
      continue;
    }
    const file = statSync(target).isDirectory() ? join(target, 'index.html') : target;
    if (fragment && file.endsWith('.html') && !anchorsOf(file).has(decodeURIComponent(fragment))) {
      broken.push(`${where}: ${link} (no id "${fragment}" in ${relative(site, file)})`);
    }
  }
}

function splitOnce(text, separator) {
  const at = text.indexOf(separator);
  return at === -1 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
}

if (broken.length > 0) {
  console.error(`${broken.length} broken link(s) in ${relative(root, site)}:\n  ${broken.join('\n  ')}`);
  process.exit(1);
}
console.log(`docs links: ${checked} local links in ${pages.length} pages resolve`);
