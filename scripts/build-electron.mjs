// Bundles the Electron main and preload into CommonJS files under dist-electron/.
// 'electron' and native modules stay external; everything else is bundled.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: true, external: ['electron', 'better-sqlite3'] };
await build({ ...common, entryPoints: ['src-main/shells/electron/main.ts'], outfile: 'dist-electron/main.cjs' });
await build({ ...common, entryPoints: ['src-main/shells/electron/preload.ts'], outfile: 'dist-electron/preload.cjs' });
console.error('Built dist-electron/main.cjs and dist-electron/preload.cjs');
