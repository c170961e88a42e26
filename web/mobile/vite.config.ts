// Vite build of the two mobile web apps: the residents' portal (/portal) and the grid worker's
// field app (/field) — one multi-page build, so the code they share is one set of chunks. Output:
// dist/web/mobile (or WANGGE_WEB_MOBILE_DIST) with portal/index.html, field/index.html and the
// assets under /m-assets/, served by src/http/routes/web-routes.ts.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir =
  process.env.WANGGE_WEB_MOBILE_DIST || fileURLToPath(new URL('../../dist/web/mobile', import.meta.url));
const api = `http://localhost:${process.env.PORT ?? '3000'}`;

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    manifest: true,
    assetsDir: 'm-assets',
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      input: {
        portal: fileURLToPath(new URL('./portal/index.html', import.meta.url)),
        field: fileURLToPath(new URL('./field/index.html', import.meta.url)),
      },
    },
  },
  server: { proxy: { '/api': api } },
});
