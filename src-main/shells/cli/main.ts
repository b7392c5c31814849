import { Command, CommanderError } from 'commander';
import { APP_VERSION } from '../../app/version.js';
import { registerAccounts } from './commands/accounts.js';
import { registerBench } from './commands/bench.js';
import { registerDoctor } from './commands/doctor.js';
import { registerDomains } from './commands/domains.js';
import { registerExport } from './commands/export.js';
import { registerImport } from './commands/import.js';
import { registerJobs } from './commands/jobs.js';
import { registerSandbox } from './commands/sandbox.js';
import { registerSync } from './commands/sync.js';
import { registerWeb } from './commands/web.js';
import { registerRenew } from './commands/renew.js';
import { cliI18n, EXIT, processIo, type CliIo } from './output.js';

export function buildProgram(io: CliIo): Command {
  const program = new Command('domaindeck')
    .description('DomainDeck: your domain portfolio across Dynadot, MrDomain, Irsfa and reseller accounts')
    .version(APP_VERSION, '-v, --version', 'print the version')
    .option('--data-dir <dir>', 'data folder (default: DOMAINDECK_DATA_DIR or the OS app-data folder)')
    .option('--json', 'machine-readable output: one JSON document on stdout')
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      outputError: (s, write) => {
        const detail = s.replace(/^error:\s*/i, '').trim().replace(/\.$/, '');
        write(`domaindeck: ${cliI18n(io.env).t('cli.unknownOption', { detail: capitalize(detail) })}\n`);
      },
    });
  program
    .command('version')
    .description('print the version')
    .action((_o, cmd: Command) => {
      if (cmd.optsWithGlobals<{ json?: boolean }>().json) io.stdout(`${JSON.stringify({ version: APP_VERSION })}\n`);
      else io.stdout(`${APP_VERSION}\n`);
    });
  registerDoctor(program, io);
  registerWeb(program, io);
  registerRenew(program, io);
  registerSandbox(program, io);
  registerJobs(program, io);
  registerBench(program, io);
  registerAccounts(program, io);
  registerSync(program, io);
  registerDomains(program, io);
  registerExport(program, io);
  registerImport(program, io);
  for (const cmd of program.commands) cmd.exitOverride().configureOutput(program.configureOutput());
  return program;
}

/** Runs the CLI and returns the exit code (the bin script sets it). */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.ok;
      return EXIT.usage;
    }
    throw err;
  }
  if (argv.length <= 2) {
    program.outputHelp();
  }
  return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
