// Child of faults-filestore.mjs. FAULT_MODE:
// - hold: takes the lock of FAULT_KEY, says "locked", waits to be killed;
// - contend: on each IPC message takes the lock once, logging enter/exit with O_APPEND;
// - write: writes sessions as fast as it can until killed.
import { closeSync, openSync, writeSync } from 'node:fs';
import { FileStore } from '@tokenwise/auth-core';

const path = process.env.TOKENWISE_STORE_PATH;
const mode = process.env.FAULT_MODE;

if (mode === 'hold') {
  const store = new FileStore({ path, lockStaleMs: 2000 });
  await store.withLock(process.env.FAULT_KEY, async () => {
    process.stdout.write('locked\n');
    await new Promise((resolve) => setTimeout(resolve, 600_000));
  });
} else if (mode === 'contend') {
  const id = process.env.TOKENWISE_CHILD_INDEX;
  process.on('message', async (message) => {
    if (message.type === 'stop') return process.disconnect();
    const store = new FileStore({ path, lockStaleMs: 2000, lockWaitMs: 30_000 });
    try {
      await store.withLock(message.key, async () => {
        const fd = openSync(message.log, 'a');
        writeSync(fd, `enter ${id}\n`);
        await new Promise((resolve) => setTimeout(resolve, 3));
        writeSync(fd, `exit ${id}\n`);
        closeSync(fd);
      });
      process.send({ round: message.round, ok: true });
    } catch (error) {
      process.send({ round: message.round, ok: false, error: `${error?.code ?? ''} ${error?.message}` });
    }
  });
  process.send({ ready: true });
} else if (mode === 'write') {
  const store = new FileStore({ path });
  let n = 0;
  await store.set('reference:demo@example.com', { refreshToken: `rt-${n}` });
  process.stdout.write('ready\n');
  for (;;) await store.set('reference:demo@example.com', { refreshToken: `rt-${++n}` });
}
