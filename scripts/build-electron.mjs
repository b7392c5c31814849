// Bundles the Electron main and preload into CommonJS files under dist-electron/.
// 'electron' and native modules stay external; everything else is bundled.
// `import.meta.url` (empty in CommonJS) becomes the bundle's own file URL, and
// worker scripts the core starts by URL are copied next to the bundle.
import { copyFileSync } from 'node:fs';
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: true, external: ['electron', 'better-sqlite3'] };
const ownUrl = {
  banner: { js: 'const __bundle_url = require("node:url").pathToFileURL(__filename).href;' },
  define: { 'import.meta.url': '__bundle_url' },
};
await build({ ...common, ...ownUrl, entryPoints: ['src-main/shells/electron/main.ts'], outfile: 'dist-electron/main.cjs' });
await build({ ...common, entryPoints: ['src-main/shells/electron/preload.ts'], outfile: 'dist-electron/preload.cjs' });
copyFileSync('src-main/db/repos/domain-index-build.worker.mjs', 'dist-electron/domain-index-build.worker.mjs');
console.error('Built dist-electron/main.cjs, dist-electron/preload.cjs and the index-build worker');
