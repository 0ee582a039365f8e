import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FetchHandler } from './fetch-handler.js';

/** A mock cloud served over real HTTP on 127.0.0.1. */
export interface LoopbackServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** The port the server listens on. */
  readonly port: number;
  /** Stops the server and drops its open connections. */
  close(): Promise<void>;
  /** Same as `close()`, for `await using`. */
  [Symbol.asyncDispose](): Promise<void>;
}

/** Options of {@link startLoopbackServer}. */
export interface LoopbackServerOptions {
  /** Port to bind; 0 (default) picks a free one. */
  port?: number;
}

/**
 * Serves a fetch-style handler on 127.0.0.1 (never another interface), for
 * multi-process tests, benchmarks, the demo and users' own offline tests.
 * The server does not keep the process alive on its own.
 */
export async function startLoopbackServer(
  handler: FetchHandler,
  options: LoopbackServerOptions = {},
): Promise<LoopbackServer> {
  const server = createServer((req, res) => {
    void serve(handler, req, res);
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.unref();
  const port = (server.address() as AddressInfo).port;
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return { url: `http://127.0.0.1:${port}`, port, close, [Symbol.asyncDispose]: close };
}

async function serve(handler: FetchHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (Array.isArray(value)) for (const v of value) headers.append(name, v);
      else if (value !== undefined) headers.set(name, value);
    }
    const method = req.method ?? 'GET';
    const request = new Request(`http://${req.headers.host ?? '127.0.0.1'}${req.url ?? '/'}`, {
      method,
      headers,
      ...(body && method !== 'GET' && method !== 'HEAD' ? { body } : {}),
    });
    const response = await handler(request);
    const outHeaders: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      outHeaders[name] = value;
    });
    const payload = Buffer.from(await response.arrayBuffer());
    res.writeHead(response.status, outHeaders);
    res.end(payload);
  } catch {
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
    res.end('mock handler failed');
  }
}
