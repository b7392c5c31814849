import type { Command } from 'commander';
import type { DoctorReport } from '../../../../src-shared/contract/areas/app.js';
import { openCliApp, type GlobalOptions } from '../context.js';
import { cliI18n, EXIT, printJson, type CliIo } from '../output.js';
import { runCommand } from '../run.js';

export function registerDoctor(program: Command, io: CliIo): void {
  program
    .command('doctor')
    .description('Check the data folder, database, schema version and credential vault')
    .action(async (_opts, cmd: Command) =>
      runCommand(io, cmd.optsWithGlobals<GlobalOptions>(), async (globals) => {
        const { app, rpc } = await openCliApp(globals, io);
        try {
          const result = await rpc.dispatch('app.doctor', {});
          if (!result.ok) throw new Error(result.error.message);
          const report = result.value as DoctorReport;
          if (globals.json) printJson(io, report);
          else {
            const t = cliI18n(io.env).t;
            for (const c of report.checks) io.stderr(`${c.ok ? '✔' : '✘'} ${t(c.messageKey, { ...c.params, defaultValue: c.message })}\n`);
            const failed = report.checks.filter((c) => !c.ok).length;
            io.stderr(`${failed === 0 ? t('doctor.summaryOk') : t('doctor.summaryFail', { count: failed })}\n`);
          }
          return report.ok ? EXIT.ok : EXIT.failed;
        } finally {
          await app.close();
        }
      }),
    );
}
