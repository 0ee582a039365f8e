// Prints vitest's result as one plain line ("N passed, N failed") for CI log readers.
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? '.tmp/vitest-results.json';
try {
  const result = JSON.parse(readFileSync(file, 'utf8'));
  const skipped = (result.numPendingTests ?? 0) + (result.numTodoTests ?? 0);
  const line = `${result.numPassedTests} passed, ${result.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`;
  process.stdout.write(`vitest: ${line}\n`);
} catch {
  process.stdout.write('vitest: no result file was written\n');
}
