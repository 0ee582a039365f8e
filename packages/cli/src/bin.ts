import { run } from './run.js';

const code = await run(process.argv.slice(2));
// Exit explicitly once both streams have flushed: a prompt library or a stdin
// reader may leave a handle open that would otherwise keep the process alive.
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
