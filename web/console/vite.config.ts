// Vite build of the command-centre console: root web/console, output dist/web/console at the
// repository root (served by src/http/routes/web-routes.ts), with a manifest for the size report.
// `npx vite --config web/console/vite.config.ts` serves it for development, proxying the API.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir =
  process.env.WANGGE_WEB_DIST || fileURLToPath(new URL('../../dist/web/console', import.meta.url));
const api = `http://localhost:${process.env.PORT ?? '3000'}`;

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    manifest: true,
    // The size budget is checked by scripts/web-size.mjs (gzipped), not by Vite's raw-size warning.
    chunkSizeWarningLimit: 2000,
  },
  server: {
    proxy: { '/api': api, '/docs': api, '/open311': api },
  },
});
