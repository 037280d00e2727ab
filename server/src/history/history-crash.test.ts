/**
 * docs/security-model.md#history: a SIGKILL at any moment of recordRun leaves a database that opens, passes
 * PRAGMA integrity_check, and holds every run reported as recorded, exactly as it was recorded.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { crashTrialRun, testHistoryKey } from './history-test-support.ts';
import { openSqliteHistory } from './sqlite-history-store.ts';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const LANES = 2;
const TRIALS_PER_LANE = 50;

let dir: string;
let bundle: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'keyaudit-history-crash-'));
  bundle = join(dir, 'child.cjs');
  // One bundle, so each of the hundred children starts in a fraction of tsx's time.
  buildSync({
    entryPoints: [fileURLToPath(new URL('./history-crash-child.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: bundle,
    external: ['better-sqlite3'],
    tsconfig: join(REPO, 'tsconfig.json'),
    logLevel: 'error',
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Starts a child recording in a loop and kills it at a random moment once it has recorded its first run (so every
 * trial records, and the kill lands in a later recordRun whatever the machine's load); resolves with what it reported.
 */
async function killWhileRecording(location: string, historyKey: Buffer): Promise<Map<number, number>> {
  const child = spawn(process.execPath, [bundle, location], { env: { ...process.env, NODE_PATH: join(REPO, 'node_modules') }, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin.end(historyKey.toString('hex'));
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (stdout.includes('recorded ')) resolve();
    });
    void exited.then(() => reject(new Error(`child exited before recording: ${stderr}`)));
  });
  await new Promise((resolve) => setTimeout(resolve, Math.random() * 60));
  child.kill('SIGKILL');
  expect(await exited, stderr).toBe('SIGKILL');
  const reported = new Map<number, number>();
  for (const [, runId, n] of stdout.matchAll(/^recorded (\d+) (\d+)$/gm)) reported.set(Number(runId), Number(n));
  return reported;
}

it(`keeps every reported run across ${LANES * TRIALS_PER_LANE} kills during recordRun`, async () => {
  const results = await Promise.all(
    Array.from({ length: LANES }, async (_, lane) => {
      const location = join(dir, `lane-${lane}.sqlite`);
      const historyKey = testHistoryKey();
      const reported = new Map<number, number>();
      for (let trial = 0; trial < TRIALS_PER_LANE; trial++) {
        const before = reported.size;
        for (const [runId, n] of await killWhileRecording(location, historyKey)) reported.set(runId, n);

        const raw = new Database(location);
        expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
        raw.close();
        const store = openSqliteHistory({ location, historyKey });
        try {
          const present = new Set(store.listRuns().map((run) => run.runId));
          for (const [runId] of reported) {
            expect(present.has(runId), `run ${runId} was reported as recorded`).toBe(true);
          }
          // The last run this trial reported reads back exactly (earlier ones were checked in their own trial).
          const last = [...reported].slice(before).at(-1);
          if (last) expect(store.loadRun(last[0])!.run).toEqual(crashTrialRun(last[1]));
        } finally {
          store.close();
        }
      }
      return { reported: reported.size };
    }),
  );
  const runs = results.reduce((sum, lane) => sum + lane.reported, 0);
  expect(runs).toBeGreaterThanOrEqual(LANES * TRIALS_PER_LANE); // at least one run recorded in every trial
}, 120_000);
