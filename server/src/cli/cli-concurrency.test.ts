/**
 * Two keyaudit processes writing at once (a user's CLI while the server or `watch` runs, or a script that adds
 * many connections in parallel) must lose nothing: every add lands and the action log still verifies.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempDir, PASSPHRASE } from '../vault/vault-test-support.ts';
import { runKeyaudit, writePrivateFile } from './cli-test-support.ts';

// Sixteen writers on two cores already queue on the data-dir lock many deep (every add waits for the others' KDF and
// save); fifty took ~45 s of CI's two cores and proved nothing more.
const PARALLEL_ADDS = 16;

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let passphraseFile: string;
beforeEach(async () => {
  temp = await makeTempDir();
  passphraseFile = await writePrivateFile(temp.root, 'passphrase', `${PASSPHRASE}\n`);
});
afterEach(() => temp.cleanup());

const keyaudit = (args: string[], stdin?: string) => runKeyaudit(args, { home: temp.dataDir, passphraseFile, stdin });
const credentials = (index: number) => JSON.stringify({ apiKey: `BINANCEKEY${String(index).padStart(8, '0')}XYZ`, secret: `secret-${index}` });

describe('keyaudit add from separate processes at once', () => {
  it(`keeps all ${PARALLEL_ADDS} connections, one action-log line each, and a log that verifies`, async () => {
    // No vault yet: the first adds race to create it too.
    const runs = await Promise.all(Array.from({ length: PARALLEL_ADDS }, (_, index) => keyaudit(['add', 'binance', '--label', `bot ${index}`, '--no-test'], credentials(index))));
    expect(runs.filter((run) => run.code !== 0).map((run) => run.stderr.slice(0, 300))).toEqual([]);

    const listed = await keyaudit(['list', '--json']);
    const labels = (JSON.parse(listed.stdout) as { label: string }[]).map((connection) => connection.label).sort();
    expect(labels).toEqual(Array.from({ length: PARALLEL_ADDS }, (_, index) => `bot ${index}`).sort());

    const lines = (await readFile(join(temp.dataDir, 'actions.log'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { seq: number; action: string });
    expect(lines.filter((line) => line.action === 'connection.add')).toHaveLength(PARALLEL_ADDS);
    expect(lines.map((line) => line.seq)).toEqual(lines.map((_, index) => index + 1));
    const verified = await keyaudit(['log', 'verify']);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
  }, 240_000);
});
