import { expect, type Locator, type Page } from '@playwright/test';

/** The keys dashboard, located the way a screen-reader user finds things: by role and name. */
export class DashboardPage {
  readonly keyTable: Locator;
  readonly demoBanner: Locator;
  readonly revokeDialog: Locator;

  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {
    this.keyTable = page.getByRole('table', { name: /^API keys \(\d+\)/ });
    this.demoBanner = page.getByText('Demo data — these keys live in built-in exchange simulators');
    this.revokeDialog = page.getByRole('dialog', { name: 'Revoke API key' });
  }

  /** The progress line while keys of an unfinished audit are on screen. */
  get stillAuditing(): Locator {
    return this.page.getByRole('status').filter({ hasText: 'Still auditing' });
  }

  /** Opens the dashboard and waits for the complete audit, not the keys shown while it still runs. */
  async open(query = '', { auditTimeoutMs = 10_000 }: { auditTimeoutMs?: number } = {}): Promise<void> {
    await this.page.goto(`${this.baseUrl}/${query}`);
    await expect(this.keyTable).toBeVisible({ timeout: auditTimeoutMs });
    await expect(this.stillAuditing).toHaveCount(0, { timeout: auditTimeoutMs });
  }

  /** The key count in the table's name, "API keys (24)". */
  async keyCount(): Promise<number> {
    const name = (await this.keyTable.getAttribute('aria-label')) ?? (await this.keyTable.locator('caption').innerText());
    return Number(/\((\d+)/.exec(name)?.[1]);
  }

  /** Narrows the table with the search box, as a user looking for one key does. */
  async search(text: string): Promise<void> {
    await this.page.getByRole('searchbox', { name: 'Search keys' }).fill(text);
  }

  rowOf(label: string): Locator {
    return this.keyTable.getByRole('row').filter({ has: this.page.getByText(label, { exact: true }) });
  }

  async startRevoke(label: string, account: string, exchange = 'KuCoin'): Promise<void> {
    await this.page.getByRole('button', { name: `Revoke ${label} (sub-account ${account} on ${exchange})` }).click();
    await expect(this.revokeDialog).toBeVisible();
  }

  async confirmRevoke(keyPassphrase: string): Promise<void> {
    await this.revokeDialog.getByLabel('API passphrase of this key').fill(keyPassphrase);
    await this.revokeDialog.getByRole('button', { name: 'Revoke key' }).click();
  }
}
