import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

/** What the fault server saw of one path. */
export interface PathRecord {
  hits: number;
  /** Responses whose connection the client closed before the server finished writing. */
  closedEarly: number;
  /** Body bytes written to all responses of this path. */
  bytesWritten: number;
}

/** A raw node:http server on 127.0.0.1 misbehaving in the ways a slow or hostile vendor can. */
export interface FaultServer {
  readonly url: string;
  record(path: string): PathRecord;
  close(): Promise<void>;
}

const CHUNK = Buffer.alloc(64 * 1024, 0x20);
/** The /huge path stops by itself after this much, so a client that never stops cannot wedge a test. */
const HUGE_LIMIT = 64 * 1024 * 1024;

/**
 * Paths:
 * - `/trickle`: a JSON body, one byte every 200 ms for 10 s.
 * - `/huge`: 64 KiB chunks without `content-length`, up to 64 MiB.
 * - `/declared-huge`: `content-length` of 400 MB, one chunk, then silence.
 * - `/gzip-bomb`: `content-encoding: gzip` with the compressed length declared (~32 KiB)
 *   of a body that inflates to 32 MiB.
 * - `/hang`: never answers. `/hang-body`: headers and `{`, then silence.
 * - `/429-soon`: 429 with `Retry-After: soon`.
 * - `/503-then-ok`: a 503 with `Retry-After: 0` on the first hit, then `{"ok":true}`.
 */
export async function startFaultServer(): Promise<FaultServer> {
  const records = new Map<string, PathRecord>();
  const record = (path: string): PathRecord => {
    let entry = records.get(path);
    if (!entry) {
      entry = { hits: 0, closedEarly: 0, bytesWritten: 0 };
      records.set(path, entry);
    }
    return entry;
  };
  const timers = new Set<ReturnType<typeof setInterval>>();
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const entry = record(path);
    entry.hits++;
    res.on('close', () => {
      if (!res.writableEnded) entry.closedEarly++;
    });
    const write = (chunk: Buffer | string) => {
      entry.bytesWritten += Buffer.byteLength(chunk);
      return res.write(chunk);
    };
    req.resume();
    switch (path) {
      case '/trickle':
        return trickle(res, write, timers);
      case '/huge':
        return huge(res, write);
      case '/declared-huge':
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(400_000_000) });
        write(CHUNK);
        return;
      case '/gzip-bomb': {
        const bomb = gzipBomb();
        res.writeHead(200, {
          'content-type': 'application/json',
          'content-encoding': 'gzip',
          'content-length': String(bomb.length),
        });
        write(bomb);
        res.end();
        return;
      }
      case '/hang':
        return;
      case '/hang-body':
        res.writeHead(200, { 'content-type': 'application/json' });
        write('{');
        return;
      case '/429-soon':
        res.writeHead(429, { 'retry-after': 'soon', 'content-type': 'application/json' });
        res.end('{}');
        return;
      case '/503-then-ok':
        if (entry.hits === 1) {
          res.writeHead(503, { 'retry-after': '0' });
          res.end();
        } else {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"ok":true}');
        }
        return;
      default:
        res.writeHead(404);
        res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    record,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearInterval(timer);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

let bombBytes: Buffer | undefined;
function gzipBomb(): Buffer {
  bombBytes ??= gzipSync(Buffer.alloc(32 * 1024 * 1024, 0x20));
  return bombBytes;
}

function trickle(
  res: ServerResponse,
  write: (chunk: string) => boolean,
  timers: Set<ReturnType<typeof setInterval>>,
): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  write('[');
  let sent = 0;
  const timer = setInterval(() => {
    sent++;
    if (sent >= 50 || res.destroyed) {
      clearInterval(timer);
      timers.delete(timer);
      if (!res.destroyed) res.end(']');
      return;
    }
    write(' ');
  }, 200);
  timers.add(timer);
}

function huge(res: ServerResponse, write: (chunk: Buffer) => boolean): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  let total = 0;
  const pump = () => {
    while (!res.destroyed && total < HUGE_LIMIT) {
      total += CHUNK.length;
      if (!write(CHUNK)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed) res.end();
  };
  pump();
}
