import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from './logging/logger.ts';

/**
 * Opens the launch link without putting its token in any process's argv (other local users
 * can read argv): the browser is pointed at a 0600 redirect file instead, as Jupyter does.
 */
export function openInBrowser(launchUrl: string, logger: Logger): void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'keyaudit-open-'));
  const file = path.join(dir, 'open.html');
  const html = `<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${launchUrl}"><title>keyaudit</title><a href="${launchUrl}">Open keyaudit</a>`;
  writeFileSync(file, html, { mode: 0o600 });
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(opener, [file], { stdio: 'ignore', detached: true });
  child.on('error', () => logger.warn('could not open a browser; open the link printed above'));
  child.unref();
  // The browser has read it by then; the token in it should not outlive its use on disk.
  setTimeout(() => rmSync(dir, { recursive: true, force: true }), 60_000).unref();
}
