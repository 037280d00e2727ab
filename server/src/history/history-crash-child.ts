/**
 * Child process for history-crash.test.ts (not a test itself), bundled to plain JavaScript by the test so it starts
 * fast. Reads the history key (hex) on stdin, opens <location>, prints "ready", then records crashTrialRun(n),
 * n+1, … forever, printing "recorded <runId> <n>" once each recordRun has returned (the run is durable).
 */
import { crashTrialRun } from './history-test-support.ts';
import { openSqliteHistory } from './sqlite-history-store.ts';

const PREBUILT = 4;

async function main() {
  const [location] = process.argv.slice(2);
  let keyHex = '';
  for await (const chunk of process.stdin) keyHex += String(chunk);
  const store = openSqliteHistory({ location, historyKey: Buffer.from(keyHex.trim(), 'hex') });
  const start = store.listRuns().length * 1000 + 1;
  // Built before "ready", so the parent's random kill lands in recordRun, not in building the runs.
  const runs = Array.from({ length: PREBUILT }, (_, i) => crashTrialRun(start + i));
  process.stdout.write('ready\n');
  for (let n = start; ; n++) {
    const { runId } = store.recordRun(runs[n - start] ?? crashTrialRun(n), 'cli');
    process.stdout.write(`recorded ${runId} ${n}\n`);
  }
}

void main();
