import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API server serves this app at /console/; in `vite` dev we proxy the API to it.
const apiTarget = process.env.HOMEWARD_API_URL ?? 'http://localhost:8080';

export default defineConfig({
  base: '/console/',
  plugins: [react()],
  server: { port: 5174, proxy: { '/api': { target: apiTarget, changeOrigin: false } } },
  preview: { port: 4174, proxy: { '/api': { target: apiTarget, changeOrigin: false } } },
  build: {
    target: 'es2022',
    sourcemap: true,
    rolldownOptions: {
      // @homeward/shared is pure but does not declare `sideEffects: false`; keep TypeBox out of the bundle.
      treeshake: { moduleSideEffects: [{ test: /packages\/shared\/src\/|@sinclair\/typebox/, sideEffects: false }] },
    },
  },
});
