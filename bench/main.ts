// `npm run bench`: performance figures against the simulators, reported as ratios to what the
// simulator's latency and KuCoin's rate limits make unavoidable, so they hold on a noisy machine.
// Options: --latency <ms> (default 100), --subs <n> (200), --keys-per-sub <n> (25), --concurrency <n> (4),
//          --quota <weight> (2000) --window-ms <ms> (30000): KuCoin's VIP0 Management pool;
//          --interaction-subs <n> (2000, × keys-per-sub: 50,000 keys) --interaction-samples <n> (20)
//          --table-screenshot <file.png>: the sort and filter timings, and a screenshot of that page.
import { measureAuditWallTime } from './audit-wall-time.ts';
import { measureTableInBrowser } from './browser-table.ts';
import { measureMalformedRequestMemory } from './malformed-requests.ts';
import { measureTableInteractions, type LatencyFigures } from './table-interactions.ts';

const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
};
const options = {
  latencyMs: arg('latency', 100),
  subAccounts: arg('subs', 200),
  keysPerSub: arg('keys-per-sub', 25),
  concurrency: arg('concurrency', 4),
  quota: arg('quota', 2000),
  windowMs: arg('window-ms', 30_000),
  interactionSubAccounts: arg('interaction-subs', 2000),
  interactionSamples: arg('interaction-samples', 20),
};
const screenshotIndex = process.argv.indexOf('--table-screenshot');
const tableScreenshot = screenshotIndex === -1 ? undefined : process.argv[screenshotIndex + 1];
const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

console.log(`keyaudit bench — simulator latency ${options.latencyMs} ms/request, ${options.subAccounts} sub-accounts × ${options.keysPerSub} keys\n`);

const wall = await measureAuditWallTime(options);
console.log('1. Audit wall time (KuCoin, one master connection)');
console.log(`   keys ${wall.keys}, findings ${wall.findings}, status ${wall.status}, HTTP 429s received ${wall.rateLimited}`);
console.log(`   wall ${fmt(wall.wallMs)}; latency floor ${fmt(wall.latencyFloorMs)} (concurrency ${options.concurrency}); rate-limit floor ${fmt(wall.rateLimitFloorMs)} (${options.quota} weight / ${options.windowMs / 1000} s)`);
console.log(`   ratio to the binding floor: ${wall.ratioToFloor.toFixed(2)}×; peak RSS growth during the audit ${wall.peakRssDeltaMb.toFixed(1)} MB\n`);

const table = await measureTableInBrowser(options);
console.log(`2. Dashboard in Chromium with ${table.keys} keys`);
console.log(`   server audit alone ${fmt(table.auditMs)}; first row ${fmt(table.firstRowMs)}; full count shown ${fmt(table.countShownMs)} (UI share ≈ ${fmt(table.uiShareMs)})`);
console.log(`   scroll to the last row ${fmt(table.scrollToEndMs)}; rows in the DOM at once: ${table.renderedRows} (virtualized)\n`);

const memory = await measureMalformedRequestMemory(1000);
console.log('3. Server memory under 1,000 malformed requests');
console.log(`   RSS growth ${memory.rssGrowthMb.toFixed(1)} MB (target < 50 MB); server still answers: ${memory.stillAnswers}`);

const interactions = await measureTableInteractions({
  subAccounts: options.interactionSubAccounts,
  keysPerSub: options.keysPerSub,
  samples: options.interactionSamples,
  screenshotPath: tableScreenshot,
});
const ms = (figures: LatencyFigures) =>
  `median ${figures.medianMs.toFixed(0)} ms, p95 ${figures.p95Ms.toFixed(0)} ms` +
  (figures.medianCpuMs === null ? '' : ` (page main thread CPU, median ${figures.medianCpuMs.toFixed(0)} ms)`);
console.log(`\n4. Sort and filter in Chromium with ${interactions.keys.toLocaleString('en-US')} keys (in the page: input event → first paint of the new table; target < 50 ms)`);
console.log(`   sort (click a column header) ${ms(interactions.sort)}`);
console.log(`   checkbox filter ("No IP whitelist") ${ms(interactions.checkboxFilter)}`);
console.log(`   search, one keystroke ${ms(interactions.searchKeystroke)}`);
console.log(`   ${interactions.sort.samples} samples each; rows in the DOM at most: ${interactions.rowsInDom} (virtualized)`);
