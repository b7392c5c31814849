import type { Command } from 'commander';
import { AppError } from '../../../../src-shared/contract.js';
import { parseFaultSpec, type FaultsConfig } from '../../../sandbox/core/faults.js';
import { EXIT, type CliIo } from '../output.js';
import { runCommand } from '../run.js';
import type { GlobalOptions } from '../context.js';
import { wholeNumber } from '../call.js';

interface SandboxCliOptions extends GlobalOptions {
  port?: string;
  seed?: string;
  domains?: string;
  latency?: string;
  faults?: string;
  banMs?: string;
}

export function registerSandbox(program: Command, io: CliIo): void {
  program
    .command('sandbox')
    .description('Run local simulators of the Dynadot, MrDomain, Irsfa and reseller APIs (first stdout line: endpoints and credentials as JSON)')
    .option('--port <n>', 'port (default: a free one)')
    .option('--seed <s>', 'portfolio and credential seed', 'domaindeck')
    .option('--domains <n>', "domains in each registrar's first account", '250')
    .option('--latency <ms[:jitter]>', 'latency added to every request')
    .option('--faults <spec>', 'fault injection, e.g. "dynadot:drop=n1;mrdomain:5xx=0.1,only=domain/renew"')
    .option('--ban-ms <ms>', 'Dynadot ban and MrDomain block length in ms (default 10 minutes)')
    .action(async (_o, cmd: Command) =>
      runCommand(io, cmd.optsWithGlobals<SandboxCliOptions>(), async (opts) => {
        const port = opts.port === undefined ? 0 : wholeNumber('--port', opts.port, 0, 65535);
        const domains = wholeNumber('--domains', opts.domains ?? '250', 0, 1_000_000);
        let faults: FaultsConfig;
        try {
          faults = opts.faults ? parseFaultSpec(opts.faults) : {};
        } catch (err) {
          throw new AppError('InvalidInput', (err as Error).message);
        }
        if (opts.latency) {
          const [ms, jitter] = opts.latency.split(':').map((v: string) => wholeNumber('--latency', v, 0, 600_000));
          for (const r of ['dynadot', 'mrdomain', 'irsfa', 'reseller'] as const) faults[r] = { ...faults[r], latency: { ms: ms ?? 0, jitter: jitter ?? 0 } };
        }
        const banMs = opts.banMs === undefined ? undefined : wholeNumber('--ban-ms', opts.banMs, 0, 86_400_000);
        const perRegistrar = banMs === undefined ? {} : { dynadot: { banMs }, mrdomain: { blockMs: banMs } };
        // Loaded on demand: the simulators are only needed by this command.
        const { startSandbox } = await import('../../../sandbox/server.js');
        const sandbox = await startSandbox({ port, seed: opts.seed, domains, faults, registrars: perRegistrar }).catch((err: NodeJS.ErrnoException) => {
          if (err.code === 'EADDRINUSE') throw new AppError('Unavailable', `Port ${port} is already in use. Pick another with --port, or omit --port to choose a free one.`);
          throw err;
        });
        // Contract: the first stdout line is the descriptor JSON.
        io.stdout(`${JSON.stringify(sandbox.descriptor)}\n`);
        io.stderr(`Sandbox registrars are listening on ${sandbox.origin} (stats: ${sandbox.descriptor.stats}). Press Ctrl+C to stop.\n`);
        await new Promise<void>((resolve) => {
          process.once('SIGINT', () => resolve());
          process.once('SIGTERM', () => resolve());
        });
        await sandbox.close();
        return EXIT.ok;
      }),
    );
}

