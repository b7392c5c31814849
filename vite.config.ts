import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is one static build served by every shell (Electron loads it
// from disk, the web shell over loopback); no dev server is needed to run it.
export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
});
