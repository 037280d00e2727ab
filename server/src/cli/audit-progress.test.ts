/** `keyaudit audit` in-process on the demo: a status line on a terminal's stderr while it runs, gone when it ends. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeCliContext } from './cli-test-support.ts';
import { runCli } from './run-cli.ts';

async function auditDemo(withTerminal: boolean) {
  const dataDir = await mkdtemp(join(tmpdir(), 'keyaudit-progress-'));
  try {
    const { ctx, out } = fakeCliContext({ dataDir });
    const shown: string[] = [];
    let cleared = 0;
    if (withTerminal) ctx.progress = { columns: 100, show: (line) => void shown.push(line), clear: () => void cleared++ };
    ctx.terminalColumns = 100;
    const code = await runCli(['audit', '--demo', '--no-record'], ctx);
    return { code, out, shown, cleared };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

describe('keyaudit audit progress', { timeout: 120_000 }, () => {
  it('redraws a status line naming what is still being read, then clears it before the table', async () => {
    const result = await auditDemo(true);
    expect(result.code, result.out.stderr).toBe(0);
    expect(result.shown.length).toBeGreaterThan(1);
    expect(result.shown[0]).toMatch(/^Auditing: /);
    expect(result.shown.some((line) => /still reading (KuCoin|Binance|OKX|Bybit|Gate) "/.test(line))).toBe(true);
    for (const line of result.shown) expect([...line].length).toBeLessThanOrEqual(100);
    expect(result.cleared).toBe(1);
    expect(result.out.stdout).toMatch(/^RISK +EXCHANGE/m);
    expect(result.out.stderr).not.toContain('Auditing');
  });

  it('prints nothing of the kind when stderr is not a terminal', async () => {
    const result = await auditDemo(false);
    expect(result.shown).toEqual([]);
    expect(result.out.stderr).not.toContain('Auditing');
  });
});
