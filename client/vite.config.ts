import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const clientDir = fileURLToPath(new URL('.', import.meta.url));
const contractDir = fileURLToPath(new URL('../server/src/contract', import.meta.url));
const devOrigin = 'http://127.0.0.1:5173';
const apiTarget = `http://127.0.0.1:${process.env.KEYAUDIT_PORT ?? 7420}`;

export default defineConfig({
  root: clientDir,
  plugins: [react()],
  resolve: { alias: { '@contract': contractDir } },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    // Vite's default CORS allows any localhost port; the API must never answer another local page.
    cors: false,
    proxy: {
      '/api': {
        target: apiTarget,
        // The server accepts only its own Host and Origin (docs/security-model.md#development-server). Present the dev
        // page as the server's origin, but only when the request really came from the dev page.
        changeOrigin: true,
        configure: (proxy) => {
          proxy.on('proxyReq', (proxyRequest, request) => {
            if (request.headers.origin === devOrigin) proxyRequest.setHeader('origin', apiTarget);
          });
        },
      },
    },
  },
  // No source maps: the production server serves dist/ as-is (docs/security-model.md#static-files).
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
});
