import { test as base, expect } from '@playwright/test';
import { LAUNCH_TOKEN_TTL_MS } from '../../server/src/http/session-authority.ts';
import { mintLaunchToken } from '../../server/src/runtime/minted-launch-token.ts';
import { readRuntimeFiles } from '../../server/src/runtime/runtime-file.ts';

/** A fresh one-time link to the live server (the demo keeps no runtime file), minted from its runtime file as `keyaudit open` does. */
async function freshLink(): Promise<{ origin: string; link: string }> {
  const [server] = await readRuntimeFiles(process.env.E2E_LIVE_HOME!);
  if (!server) throw new Error('the live server wrote no runtime file');
  const origin = `http://127.0.0.1:${server.port}`;
  return { origin, link: `${origin}/?view=activity#t=${mintLaunchToken(Buffer.from(server.secret, 'base64url'), Date.now() + LAUNCH_TOKEN_TTL_MS)}` };
}

/** Signed in: the vault's unlock form or the Activity view (another spec may have unlocked the vault). */
const SIGNED_IN_HEADING = /^(Unlock your vault|Activity)$/;

// The plain Playwright test: these pages start signed out, with no session put in their storage.
base('a link pasted into a signed-out tab signs it in, and a new tab opened from it is signed in too', async ({ browser }) => {
  const { origin, link } = await freshLink();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${origin}/?view=activity`);
  await expect(page.getByRole('heading', { name: 'Open the link printed in your terminal' })).toBeVisible();

  // Pasting the link into this tab's address bar: the same page, only the fragment changes.
  await page.goto(link);
  await expect(page.getByRole('heading', { name: SIGNED_IN_HEADING })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Open the link printed in your terminal' })).toHaveCount(0);
  expect(page.url()).toBe(`${origin}/?view=activity`);

  // A tab of its own (as Ctrl/Cmd-click opens one): empty sessionStorage, no link, yet signed in by the first tab.
  const second = await context.newPage();
  await second.goto(`${origin}/?view=activity`);
  await expect(second.getByRole('heading', { name: SIGNED_IN_HEADING })).toBeVisible();
  await expect(second.getByRole('heading', { name: 'Open the link printed in your terminal' })).toHaveCount(0);
  await context.close();
});
