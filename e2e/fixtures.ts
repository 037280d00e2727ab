import { test as base, expect } from '@playwright/test';
import { DashboardPage } from './page-objects/dashboard-page.ts';
import { SimulatorProbe } from './page-objects/simulator-probe.ts';

/** Each page starts signed in: the shared session is put where the SPA keeps it. */
export const test = base.extend<{ dashboard: DashboardPage; simulator: SimulatorProbe }>({
  page: async ({ page }, use) => {
    await page.addInitScript((token) => sessionStorage.setItem('keyaudit.session', token), process.env.E2E_SESSION_TOKEN!);
    await use(page);
  },
  dashboard: async ({ page }, use) => {
    await use(new DashboardPage(page, process.env.E2E_BASE_URL!));
  },
  simulator: async ({}, use) => {
    await use(new SimulatorProbe(process.env.E2E_SIMULATOR_URL!));
  },
});

export { expect };
