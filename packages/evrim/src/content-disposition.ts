/**
 * The file name a `Content-Disposition` header offers (`filename*` per RFC
 * 6266/5987 first, then `filename`), reduced to a bare name so that saving
 * it can never climb out of the caller's folder. `undefined` when absent or
 * unusable.
 */
export function filenameFromContentDisposition(header: string | null): string | undefined {
  if (header === null) return undefined;
  const extended = /filename\*\s*=\s*([^;]+)/i.exec(header)?.[1]?.trim();
  if (extended !== undefined) {
    const encoded = /^[\w!#$%&+^`{}~-]+'[^']*'(.*)$/.exec(extended)?.[1];
    if (encoded !== undefined) {
      try {
        const name = bareName(decodeURIComponent(encoded));
        if (name !== undefined) return name;
      } catch {
        // Malformed percent-encoding: fall through to the plain parameter.
      }
    }
  }
  const plain = /(?:^|;)\s*filename\s*=\s*(?:"((?:\\.|[^"\\])*)"|([^;]*))/i.exec(header);
  const value = plain?.[1] !== undefined ? plain[1].replace(/\\(.)/g, '$1') : plain?.[2]?.trim();
  return value === undefined ? undefined : bareName(value);
}

function bareName(name: string): string | undefined {
  const base = name
    .replace(/^.*[\\/]/, '')
    .split('')
    .filter((char) => char.charCodeAt(0) >= 0x20 && char.charCodeAt(0) !== 0x7f)
    .join('')
    .trim();
  return base === '' || base === '.' || base === '..' ? undefined : base;
}
