/**
 * The workbench bundle: `npm run build:web` writes web/dist, which `quanlian serve` serves beside
 * the API. In development (`npm run dev:web`) Vite proxies /api to a running `quanlian serve`.
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 },
  worker: { format: 'es' },
  server: { proxy: { '/api': process.env.QUANLIAN_API ?? 'http://127.0.0.1:8080' } },
});
