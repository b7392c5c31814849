// `npm test`: everything CI runs, in order, stopping at the first failure:
// typecheck, lint, unit, integration (against the sandbox), renderer build, e2e.
import { spawnSync } from 'node:child_process';

const steps = [
  ['typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']],
  ['lint', 'npx', ['eslint', '--max-warnings=0', '.']],
  ['unit', 'npx', ['vitest', 'run', '--project', 'unit']],
  ['integration', 'npx', ['vitest', 'run', '--project', 'integration']],
  ['build', 'npx', ['vite', 'build', '--config', 'vite.config.ts', '--logLevel', 'warn']],
  ['e2e', 'npx', ['playwright', 'test']],
];

const only = process.argv[2];
for (const [name, cmd, args] of steps) {
  if (only && only !== name) continue;
  const started = Date.now();
  console.error(`\n▶ ${name}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' } });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`✘ ${name} failed after ${secs}s`);
    process.exit(r.status ?? 1);
  }
  console.error(`✔ ${name} (${secs}s)`);
}
