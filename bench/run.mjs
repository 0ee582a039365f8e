// `pnpm bench`: herd, overhead, hot-path (tokenwise vs tsvesync vs raw fetch), size, and the fleet
// case when store-redis provides it.
import { existsSync } from 'node:fs';
import { runHerd } from './herd.mjs';
import { runHotPath } from './hot-path.mjs';
import { runOverhead } from './overhead.mjs';
import { runSize } from './size.mjs';

await runHerd();
console.log('');
await runOverhead();
console.log('');
await runHotPath();
console.log('');
await runSize();
const fleet = new URL('./fleet.mjs', import.meta.url);
if (existsSync(fleet)) {
  console.log('');
  await import(fleet.href);
}
