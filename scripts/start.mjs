// `npm start`: the desktop app when Electron is installed; otherwise the web
// shell in the default browser, announced in one clear line.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

if (!existsSync(`${root}/dist/renderer/index.html`)) run('npm', ['run', '--silent', 'build:renderer']);

const electron = electronBinary();
const extra = process.argv.slice(2);
if (electron) {
  run('node', ['scripts/build-electron.mjs']);
  const child = spawn(electron, ['.', ...extra], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.error('Electron is not installed on this machine (its download failed or was skipped), so DomainDeck starts in your browser instead.');
  const child = spawn(process.execPath, ['bin/domaindeck.mjs', 'web', '--open', '--demo-if-empty', ...extra], { cwd: root, stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
}
