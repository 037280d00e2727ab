import { defineConfig, devices } from '@playwright/test';

/**
 * Browser tests drive the built app in Chromium against the demo simulators.
 * e2e/global-setup.ts starts the server itself (it needs the launch token the server prints).
 * CHROMIUM_PATH points at the browser: Debian's /usr/bin/chromium by default; set it to a
 * Playwright-managed browser on a machine that has one.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'e2e/specs',
  outputDir: 'test-results',
  globalSetup: './e2e/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['json', { outputFile: 'reports/e2e.json' }]] : [['list']],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1280, height: 800 },
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1280, height: 800 },
        launchOptions: {
          executablePath: CHROMIUM,
          args: [
            '--no-sandbox', // CI runs as root
            '--disable-gpu',
            '--disable-dev-shm-usage',
            '--disable-background-networking', // no outside network here: avoid refused connections
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-quic',
          ],
        },
      },
    },
  ],
});
