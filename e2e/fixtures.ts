import { test as base, expect } from '@playwright/test';
import { DashboardPage } from './page-objects/dashboard-page.ts';
import { SimulatorProbe } from './page-objects/simulator-probe.ts';

/**
 * Each page starts signed in: the shared session is put where the SPA keeps it (the slow demo's own
 * session on the slow demo's origin). `slowDashboard` and `slowSimulator` are the slow demo, whose
 * audit takes seconds, for the journeys that watch an audit while it runs.
 */
export const test = base.extend<{ dashboard: DashboardPage; simulator: SimulatorProbe; slowDashboard: DashboardPage; slowSimulator: SimulatorProbe }>({
  page: async ({ page }, use) => {
    await page.addInitScript(
      ({ token, slowOrigin, slowToken }) => sessionStorage.setItem('keyaudit.session', location.origin === slowOrigin ? slowToken : token),
      { token: process.env.E2E_SESSION_TOKEN!, slowOrigin: process.env.E2E_SLOW_BASE_URL!, slowToken: process.env.E2E_SLOW_SESSION_TOKEN! },
    );
    await use(page);
  },
  dashboard: async ({ page }, use) => {
    await use(new DashboardPage(page, process.env.E2E_BASE_URL!));
  },
  simulator: async ({}, use) => {
    await use(new SimulatorProbe(process.env.E2E_SIMULATOR_URL!));
  },
  slowDashboard: async ({ page }, use) => {
    await use(new DashboardPage(page, process.env.E2E_SLOW_BASE_URL!));
  },
  slowSimulator: async ({}, use) => {
    await use(new SimulatorProbe(process.env.E2E_SLOW_SIMULATOR_URL!));
  },
});

export { expect };
