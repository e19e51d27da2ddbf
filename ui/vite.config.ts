/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Tauri serves ui/dist at its root in the app, and http://localhost:5173 (devUrl) in development.
export default defineConfig(({ mode }) => ({
  plugins: [svelte()],
  // Component tests mount Svelte in jsdom: they need its browser build, not the server one.
  resolve: mode === 'test' ? { conditions: ['browser'] } : undefined,
  clearScreen: false,
  // The report preview's font is the core's own file (styles/report-fonts.css): the dev server may
  // serve that folder too.
  server: { port: 5173, strictPort: true, fs: { allow: ['.', '../crates/runway-pdf/assets/fonts'] } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Nothing may be inlined as data: URIs: the app runs under a strict CSP.
    assetsInlineLimit: 0,
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['src/test/setup.ts'],
  },
}));
