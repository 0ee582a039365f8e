import type { LoopbackServer } from '@tokenwise/auth-core/mock';
import type { SandboxService } from './vendor-adapter.js';

/** Serves one mock cloud handler on 127.0.0.1 and describes it for the sandbox banner. */
export async function serveMock(
  handler: (request: Request) => Promise<Response>,
  options: { port: number; urlEnv: string; path?: string; notes: readonly string[] },
): Promise<SandboxService> {
  const { startLoopbackServer } = await import('@tokenwise/auth-core/mock');
  const server: LoopbackServer = await startLoopbackServer(handler, { port: options.port });
  const url = `${server.url}${options.path ?? ''}`;
  return { url, envLine: `${options.urlEnv}=${url}`, notes: options.notes, close: () => server.close() };
}

/** "demo@example.com / demo-password" lines for the banner (demo values, never real ones). */
export function accountNotes(
  accounts: ReadonlyArray<{ user: string; password?: string; note?: string }>,
): string[] {
  return accounts.map(
    (a) =>
      `account ${a.user}${a.password === undefined ? '' : ` / ${a.password}`}${a.note ? ` (${a.note})` : ''}`,
  );
}
