/**
 * Runs the benchmarks: every bench/*.ts (except this runner), or the one
 * named on the command line (`npm run bench -- scheduler`). Each benchmark is
 * its own process, so one cannot warm or slow another; their JSON lines pass
 * through to stdout unchanged. A benchmark never fails the caller: a crash is
 * reported as a JSON line with "ok": false.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export function benchNames(): string[] {
  return readdirSync(here)
    .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_') && !f.endsWith('.test.ts'))
    .map((f) => basename(f, '.ts'))
    .sort();
}

function runOne(name: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(here, `${name}.ts`)], { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('exit', (code) => resolve(code ?? 1));
    child.on('error', () => resolve(1));
  });
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const all = benchNames();
  const unknown = wanted.filter((w) => !all.includes(w));
  if (unknown.length > 0) {
    process.stderr.write(`Unknown benchmark(s): ${unknown.join(', ')}. Available: ${all.join(', ')}\n`);
    process.exitCode = 2;
    return;
  }
  for (const name of wanted.length > 0 ? wanted : all) {
    const code = await runOne(name);
    if (code !== 0) process.stdout.write(`${JSON.stringify({ bench: name, metric: 'exit_code', value: code, unit: 'code', target: 0, ok: false })}\n`);
  }
}

await main();
