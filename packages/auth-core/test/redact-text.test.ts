import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { redactText, Secret } from '../src/secret.js';

const password = 'Tr0ub4dor&3-horse';
const hex = (algorithm: string) => createHash(algorithm).update(password).digest('hex');

describe('redactText', () => {
  it('removes every run of 6+ characters of a secret: a cut-off prefix, a middle piece, the whole', () => {
    const text = `cut: ${password.slice(0, 10)} | middle: ${password.slice(4, 12)} | whole: ${password}.`;
    expect(redactText(text, [new Secret(password)])).toBe(
      'cut: [REDACTED] | middle: [REDACTED] | whole: [REDACTED].',
    );
  });

  it('removes 6+ character runs of the MD5, SHA-1 and SHA-256 hex digests, in either case', () => {
    const text = `md5 ${hex('md5').slice(0, 20)} MD5 ${hex('md5').toUpperCase()} sha1 ${hex('sha1').slice(8, 30)} sha256 ${hex('sha256').slice(0, 7)}`;
    expect(redactText(text, [password])).toBe(
      'md5 [REDACTED] MD5 [REDACTED] sha1 [REDACTED] sha256 [REDACTED]',
    );
  });

  it('keeps runs shorter than 6 characters, and 4-5 character secrets are removed only whole', () => {
    expect(redactText('Tr0ub4 is six, Tr0ub is five', [password])).toBe('[REDACTED] is six, Tr0ub is five');
    expect(redactText('pin 1234, 123, 12345', ['1234'])).toBe('pin [REDACTED], 123, [REDACTED]5');
    expect(redactText('abc stays', ['abc'])).toBe('abc stays');
  });
});
