import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const contractDir = fileURLToPath(new URL('./server/src/contract', import.meta.url));

export default defineConfig({
  resolve: { alias: { '@contract': contractDir } },
  test: {
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: 'reports/vitest.json' },
    // e2e/*.spec.ts belong to Playwright: each project lists exactly what it runs.
    projects: [
      {
        resolve: { alias: { '@contract': contractDir } },
        test: { name: 'server', environment: 'node', include: ['server/**/*.test.ts'], testTimeout: 20_000 },
      },
      {
        plugins: [react()],
        resolve: { alias: { '@contract': contractDir } },
        test: { name: 'client', environment: 'jsdom', include: ['client/src/**/*.test.{ts,tsx}'] },
      },
    ],
  },
});
