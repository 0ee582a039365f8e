import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A real redis-server on 127.0.0.1, owned by one test file. */
export interface RedisServer {
  readonly port: number;
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  /** Stops Redis gracefully, saving its data (as a production Redis with persistence would). */
  shutdown(): Promise<void>;
  /** Starts Redis again on the same port and data folder. */
  start(): Promise<void>;
  /** Stops Redis and deletes its data folder. Idempotent. */
  stop(): Promise<void>;
}

const MISSING = [
  'redis-server is not on PATH. The @tokenwise/store-redis tests run against a real Redis (no mock):',
  'CI installs it (.ci/run: apt-get install -y redis-server); locally run',
  '`apt-get install -y redis-server` (Debian/Ubuntu) or `brew install redis`.',
].join(' ');

/** Starts redis-server on a free 127.0.0.1 port with no automatic persistence, and waits for PING. */
export async function startRedisServer(): Promise<RedisServer> {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (probe.error) throw new Error(MISSING);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'tokenwise-redis-'));
  let child: ChildProcess | undefined;

  const start = async () => {
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
      { stdio: 'ignore' },
    );
    await waitForPing(port, child);
  };
  const exited = (proc: ChildProcess) =>
    proc.exitCode !== null || proc.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => proc.once('exit', () => resolve()));

  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    start,
    async shutdown() {
      const proc = child;
      if (!proc) return;
      // SHUTDOWN SAVE writes dump.rdb even with `--save ''`, so `start()` finds the data again.
      await sendCommand(port, 'SHUTDOWN SAVE').catch(() => undefined);
      await exited(proc);
      child = undefined;
    },
    async stop() {
      const proc = child;
      child = undefined;
      if (proc) {
        proc.kill('SIGKILL');
        await exited(proc);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPing(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
    const reply = await sendCommand(port, 'PING').catch(() => '');
    if (reply.startsWith('+PONG')) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server on port ${port} did not answer PING within 10 s`);
}

/** Sends one inline command and resolves the first reply chunk (or '' when the server just closes). */
function sendCommand(port: number, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let reply = '';
    socket.setTimeout(2_000, () => socket.destroy(new Error('timeout')));
    socket.once('connect', () => socket.write(`${command}\r\n`));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      socket.end();
    });
    socket.once('error', reject);
    socket.once('close', () => resolve(reply));
  });
}
