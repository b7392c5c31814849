import { Option, type Command } from 'commander';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../../../src-shared/contract.js';
import { resolveDataDir } from '../../../app/data-dir.js';
import { hasAnyAccount, seedDemoAccounts, startDemo, syncDemoPortfolio, type DemoSession } from '../../../app/demo.js';
import { startWebShell } from '../../web/server.js';
import { openCliApp, type GlobalOptions } from '../context.js';
import { cliI18n, EXIT, printJson, type CliIo } from '../output.js';
import { runCommand } from '../run.js';

export const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../../../../dist/renderer', import.meta.url));

interface WebOptions extends GlobalOptions {
  port?: number;
  demo?: boolean;
  demoIfEmpty?: boolean;
  demoDomains?: string;
  open?: boolean;
  rendererDir?: string;
}

export function registerWeb(program: Command, io: CliIo): void {
  program
    .command('web')
    .description('Serve DomainDeck on 127.0.0.1 for a browser (random access token per launch)')
    .option('--port <n>', 'port to listen on (default: a free one)', parsePort)
    .option('--demo', 'open the demo portfolio served by the built-in sandbox registrars (throwaway data folder unless --data-dir)')
    .addOption(new Option('--demo-domains <n>', 'names per registrar in the demo portfolio').hideHelp())
    .addOption(new Option('--demo-if-empty', 'demo mode when the data folder has no accounts yet (npm start)').hideHelp())
    .option('--open', 'open the address in the default browser')
    .addOption(new Option('--renderer-dir <dir>', 'folder of the built renderer').hideHelp())
    .action(async (_opts, cmd: Command) =>
      runCommand(io, cmd.optsWithGlobals<WebOptions>(), async (opts) => {
        const staticDir = opts.rendererDir ?? DEFAULT_RENDERER_DIR;
        if (!existsSync(staticDir)) throw new AppError('Unavailable', `The user interface is not built yet (${staticDir} is missing). Run "npm run build" first.`);
        const demo = await maybeStartDemo(opts, io);
        const { app, rpc } = await openCliApp(opts, io, demo ? { demo: true, dataDir: demo.dataDir, vault: demo.vault } : {});
        let demoAccounts: Awaited<ReturnType<typeof seedDemoAccounts>> = [];
        const shell = await (async () => {
          if (demo) demoAccounts = await seedDemoAccounts(app.services.accounts, demo.sandbox.descriptor);
          return startWebShell({ dispatcher: rpc, events: app.events, staticDir, port: opts.port });
        })().catch(async (err: unknown) => {
          await app.close();
          await demo?.close();
          throw err;
        });
        const t = cliI18n(io.env).t;
        if (opts.json) io.stdout(`${JSON.stringify({ url: shell.url, origin: shell.origin, port: shell.port, dataDir: app.dataDir, ...(demo ? { sandboxControl: demo.sandbox.descriptor.control } : {}) })}\n`);
        else {
          io.stdout(`${shell.url}\n`);
          io.stderr(`${t('cli.webListening', { url: shell.url })}\n${t('cli.webOpenHint')}\n`);
        }
        if (opts.open) openInBrowser(shell.url);
        app.startBackground();
        // The demo portfolio should be there when the page opens: sync it now (progress reaches the UI as events).
        let stopping = false;
        if (demo) {
          void syncDemoPortfolio(app.services.sync, demo.sandbox, demoAccounts).catch((e: Error) => {
            // Stopping mid-sync closes the database under it; that is not worth a word.
            if (!stopping) app.logger.log('warn', 'demo', `Demo sync failed: ${e.message}`);
          });
        }
        await waitForSignal();
        stopping = true;
        await shell.close();
        await app.close();
        await demo?.close();
        return EXIT.ok;
      }),
    );
}

/** --demo, or --demo-if-empty on a data folder without accounts: the sandbox in-process and a memory vault. */
async function maybeStartDemo(opts: WebOptions, io: CliIo): Promise<DemoSession | null> {
  const domains = opts.demoDomains === undefined ? undefined : Number(opts.demoDomains);
  if (domains !== undefined && (!Number.isInteger(domains) || domains < 1 || domains > 200_000)) throw new AppError('InvalidInput', `--demo-domains must be a whole number from 1 to 200000, got "${opts.demoDomains}"`);
  if (opts.demo) return startDemo({ ...(opts.dataDir ? { dataDir: resolveDataDir(opts.dataDir, io.env) } : {}), ...(domains ? { domains } : {}) });
  if (opts.demoIfEmpty && !hasAnyAccount(resolveDataDir(opts.dataDir, io.env))) return startDemo();
  return null;
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new AppError('InvalidInput', `--port must be a whole number from 1 to 65535, got "${value}"`);
  return n;
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => resolve();
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}

/** Best effort: a machine without a desktop simply keeps the printed address. */
export function openInBrowser(url: string): void {
  const [cmd, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No opener on this machine: the URL was printed.
  }
}

export { printJson };
