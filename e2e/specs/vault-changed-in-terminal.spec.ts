/**
 * The dashboard unlocked while `keyaudit add` and `keyaudit passwd` run in a terminal on the same vault (issue 14,
 * item 5): the page says the vault was changed and reloaded, then asks for the new passphrase, saying why. Runs after
 * the other specs of the live server (alphabetical order) and puts its vault back as it found it.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { E2E_VAULT_PASSPHRASE } from '../global-setup.ts';
import { LAUNCH_TOKEN_TTL_MS } from '../../server/src/http/session-authority.ts';
import { mintLaunchToken } from '../../server/src/runtime/minted-launch-token.ts';
import { readRuntimeFiles } from '../../server/src/runtime/runtime-file.ts';
import { test, expect } from '../fixtures.ts';

test.use({ page: async ({ browser }, use) => use(await (await browser.newContext()).newPage()) });

const NEW_PASSPHRASE = 'a brand new passphrase';

/** A fresh one-time link to the live server, minted from its runtime file as `keyaudit open` does. */
async function freshLink(): Promise<string> {
  const [server] = await readRuntimeFiles(process.env.E2E_LIVE_HOME!);
  if (!server) throw new Error('the live server wrote no runtime file');
  return `http://127.0.0.1:${server.port}/#t=${mintLaunchToken(Buffer.from(server.secret, 'base64url'), Date.now() + LAUNCH_TOKEN_TTL_MS)}`;
}

/** One CLI command on the live server's data directory, as a user in a terminal would run it. */
function keyaudit(args: string[], { passphrase, newPassphrase, stdin = '' }: { passphrase: string; newPassphrase?: string; stdin?: string }): string {
  const file = (name: string, text: string) => {
    const path = test.info().outputPath(name);
    writeFileSync(path, text, { mode: 0o600 });
    return path;
  };
  return execFileSync(process.execPath, ['--import', 'tsx', 'server/src/cli/main.ts', ...args], {
    input: stdin,
    encoding: 'utf8',
    env: {
      ...process.env,
      NODE_ENV: 'test',
      KEYAUDIT_TEST_FAST_KDF: '1',
      KEYAUDIT_HOME: process.env.E2E_LIVE_HOME!,
      KEYAUDIT_PASSPHRASE_FILE: file('passphrase', passphrase),
      ...(newPassphrase ? { KEYAUDIT_NEW_PASSPHRASE_FILE: file('new-passphrase', newPassphrase) } : {}),
    },
  });
}

test('a connection added and the passphrase changed in a terminal: reloaded and said, then the new passphrase asked for', async ({ page }) => {
  await page.goto(await freshLink());
  // Another spec may have left the vault unlocked; this session unlocks it either way (a fresh session's own entry).
  const unlock = page.getByRole('heading', { name: 'Unlock your vault' });
  await expect(unlock.or(page.getByRole('table', { name: /API keys/ }))).toBeVisible();
  if (await unlock.isVisible()) {
    await page.getByLabel('Vault passphrase').fill(E2E_VAULT_PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
  }
  await expect(page.getByRole('table', { name: /API keys/ })).toBeVisible();

  const added = keyaudit(['add', 'binance', '--label', 'Added in a terminal', '--no-test'], {
    passphrase: E2E_VAULT_PASSPHRASE,
    stdin: JSON.stringify({ apiKey: 'BINANCEKEY0000111122', secret: 's3cr3t-binance' }),
  });
  const connectionId = /c_[0-9a-f]{8}/.exec(added)![0];
  // Back from the terminal: the window regains focus.
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await expect(page.getByRole('status').filter({ hasText: 'The vault was changed outside the dashboard (1 connection added): reloaded.' })).toBeVisible();

  try {
    keyaudit(['passwd'], { passphrase: E2E_VAULT_PASSPHRASE, newPassphrase: NEW_PASSPHRASE });
    await page.getByRole('link', { name: 'Connections' }).click();
    await expect(page.getByRole('heading', { name: 'Unlock your vault' })).toBeVisible();
    await expect(page.getByText("The vault's passphrase was changed in a terminal: enter the new passphrase.")).toBeVisible();
    await page.getByLabel('Vault passphrase').fill(NEW_PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByRole('cell', { name: 'Added in a terminal', exact: true })).toBeVisible();
  } finally {
    // The vault as the suite made it: the old passphrase, without the connection added here.
    keyaudit(['passwd'], { passphrase: NEW_PASSPHRASE, newPassphrase: E2E_VAULT_PASSPHRASE });
    keyaudit(['remove', connectionId], { passphrase: E2E_VAULT_PASSPHRASE });
  }
});
