import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { AppError } from '../../../../src-shared/contract.js';
import type { GlobalOptions } from '../context.js';
import { cliI18n, EXIT, type CliIo } from '../output.js';
import { runCommand } from '../run.js';

/** bench/run.ts of the source checkout (benchmarks are not shipped in the packaged app). */
const RUNNER = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'bench', 'run.ts');

/**
 * `domaindeck bench [NAME...]` (what `npm run bench` calls): runs bench/run.ts
 * in a child process, whose JSON lines go straight to stdout.
 */
export function registerBench(program: Command, io: CliIo): void {
  program
    .command('bench [names...]')
    .description('Run the benchmarks (all, or the named ones: scheduler, sandbox, ...); prints JSON lines')
    .action(async (names: string[], _o, cmd: Command) =>
      runCommand(io, cmd.optsWithGlobals<GlobalOptions>(), async () => {
        if (!existsSync(RUNNER)) throw new AppError('Unavailable', cliI18n(io.env).t('jobs.benchSourceOnly'));
        const code = await new Promise<number>((resolve) => {
          const child = spawn(process.execPath, ['--import', 'tsx', RUNNER, ...names], { stdio: ['ignore', 'pipe', 'pipe'] });
          child.stdout.on('data', (d: Buffer) => io.stdout(d.toString('utf8')));
          child.stderr.on('data', (d: Buffer) => io.stderr(d.toString('utf8')));
          child.on('exit', (c) => resolve(c ?? 1));
          child.on('error', () => resolve(1));
        });
        return code === 0 ? EXIT.ok : code === 2 ? EXIT.usage : EXIT.failed;
      }),
    );
}
