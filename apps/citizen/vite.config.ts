import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

// The API server (`npx homeward start`) serves the built app; in `vite` dev we proxy the API to it.
const apiTarget = process.env.HOMEWARD_API_URL ?? 'http://localhost:8080';

export default defineConfig({
  base: '/',
  plugins: [
    react(),
    VitePWA({
      // The app checks for updates itself (sw-register.ts) so a stale shell never blocks help.
      registerType: 'autoUpdate',
      injectRegister: false,
      // Our own worker (src/sw.ts): the precached shell plus Background Sync for help requests saved offline.
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      injectManifest: { globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'], rollupFormat: 'iife' },
      includeAssets: ['icons/icon.svg', 'icons/apple-touch-icon.png'],
      manifest: {
        // The real ministry name comes from /api/v1/meta at run time; the manifest needs a fixed one.
        name: 'Homeward 领事服务 Consular services',
        short_name: 'Homeward',
        description: '领事保护与协助 Consular protection and assistance',
        lang: 'zh-CN',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#12355b',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
        ],
      },
    }),
  ],
  server: { proxy: { '/api': { target: apiTarget, changeOrigin: false } } },
  preview: { proxy: { '/api': { target: apiTarget, changeOrigin: false } } },
  build: {
    target: 'es2022',
    sourcemap: true,
    rolldownOptions: {
      // @homeward/shared is pure (schemas and helpers) but does not declare `sideEffects: false`; without this
      // the whole TypeBox runtime (~20 KB gz) lands in the first load just for the locale helpers.
      treeshake: { moduleSideEffects: [{ test: /packages\/shared\/src\/|@sinclair\/typebox/, sideEffects: false }] },
    },
  },
});
