import type { CliIo } from '../cli-io.js';
import {
  isRunning,
  readSandboxEnv,
  removeSandboxEnv,
  sandboxEnvPath,
  writeSandboxEnv,
} from '../sandbox-env-file.js';
import { UsageError } from '../usage-error.js';
import { VENDORS } from '../vendors/index.js';
import type { SandboxService } from '../vendors/vendor-adapter.js';

/** Options of `tokenwise sandbox`. */
export interface SandboxOptions {
  /** First port; each vendor takes the next one (Cozify's hub too). Default 0: free ports. */
  port?: string | undefined;
  /** Print the running sandbox's variables as `export` lines and exit. */
  printEnv?: boolean | undefined;
}

/** Resolves when the sandbox should stop; the default waits for SIGINT or SIGTERM. */
export type StopSignal = () => Promise<void>;

/**
 * `tokenwise sandbox [--port N]`: every vendor's mock cloud on 127.0.0.1
 * until Ctrl-C. Nothing leaves the machine; the mocks keep their state in
 * memory only, so a restart starts from the demo accounts again. While it
 * runs its variables are in `sandbox.env`, which `--print-env` prints.
 */
export async function sandboxCommand(
  io: CliIo,
  options: SandboxOptions,
  stopSignal: StopSignal = waitForSignal,
): Promise<number> {
  if (options.printEnv) {
    if (options.port !== undefined) {
      throw new UsageError("--print-env prints the running sandbox's variables; it takes no --port");
    }
    return printEnv(io);
  }
  const basePort = parsePort(options.port);
  const services: Array<[string, SandboxService]> = [];
  const closeAll = () => Promise.all(services.map(([, service]) => service.close()));
  try {
    let offset = 0;
    for (const vendor of Object.values(VENDORS)) {
      const port = basePort === 0 ? 0 : basePort + offset++;
      services.push([
        vendor.displayName,
        await vendor.startSandbox({ port, onMail: (line) => io.stdout.write(`[mail] ${line}\n`) }),
      ]);
    }
  } catch (error) {
    await closeAll();
    if ((error as { code?: unknown }).code === 'EADDRINUSE') {
      throw new Error(
        `${(error as Error).message}: the sandbox needs six free ports from --port; --port 0 picks free ones`,
        { cause: error },
      );
    }
    throw error;
  }
  const envLines = services.flatMap(([, service]) => [service.envLine, ...(service.extraEnvLines ?? [])]);
  const envPath = sandboxEnvPath(io.env);
  try {
    await writeSandboxEnv(envPath, envLines, process.pid);
  } catch (error) {
    await closeAll();
    throw new Error(`Could not write ${envPath}: ${(error as Error).message}`, { cause: error });
  }
  io.stdout.write('tokenwise sandbox: every vendor cloud on 127.0.0.1, in memory, no internet.\n\n');
  for (const [name, service] of services) {
    io.stdout.write(`${name.padEnd(8)} ${service.url}\n  export ${service.envLine}\n`);
    for (const line of service.extraEnvLines ?? []) io.stdout.write(`  export ${line}\n`);
    const accounts = service.notes.filter((note) => note.startsWith('account '));
    io.stdout.write('  demo accounts:\n');
    for (const note of accounts) io.stdout.write(`    ${note.slice('account '.length)}\n`);
    for (const note of service.notes.filter((n) => !accounts.includes(n))) io.stdout.write(`  ${note}\n`);
    io.stdout.write('\n');
  }
  io.stdout.write(
    'Point another shell (or a .env file) at it, all variables at once:\n' +
      '  eval "$(tokenwise sandbox --print-env)"\n' +
      '  tokenwise sandbox --print-env > .env\n' +
      `(they are in ${envPath} while the sandbox runs)\n\n` +
      'Then log in against it, e.g.:\n' +
      '  tokenwise login vesync --username demo@example.com\n\n' +
      'Ready. Press Ctrl-C to stop.\n',
  );
  await stopSignal();
  await closeAll();
  await removeSandboxEnv(envPath, process.pid);
  io.stdout.write('Sandbox stopped.\n');
  return 0;
}

/**
 * `--print-env`: the running sandbox's variables as `export NAME=value`
 * lines, for `eval "$(…)"` and for `.env` files (dotenv reads `export`).
 * Fails (exit 1) when no sandbox runs, so `eval` never sets stale URLs.
 */
async function printEnv(io: CliIo): Promise<number> {
  const path = sandboxEnvPath(io.env);
  const file = await readSandboxEnv(path);
  if (file === undefined) {
    throw new Error('No sandbox is running: start one with `tokenwise sandbox` in another terminal');
  }
  if (file.pid !== undefined && !isRunning(file.pid)) {
    throw new Error(
      `No sandbox is running (${path} was left by process ${file.pid}, which has ended): start one with \`tokenwise sandbox\``,
    );
  }
  for (const line of file.lines) io.stdout.write(`export ${line}\n`);
  return 0;
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return 0;
  const port = Number(value);
  // The sandbox binds up to six consecutive ports from here.
  if (!/^\d+$/.test(value) || port > 65_530)
    throw new UsageError('--port must be 0 or a port number up to 65530');
  return port;
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    // The loopback servers do not keep the process alive on their own: this timer does, until a signal.
    const keepAlive = setInterval(() => {}, 2 ** 30);
    const stop = () => {
      clearInterval(keepAlive);
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
