// `npm run bench`: performance figures against the simulators, reported as ratios to what the
// simulator's latency and KuCoin's rate limits make unavoidable, so they hold on a noisy machine.
// Options: --latency <ms> (default 100), --subs <n> (200), --keys-per-sub <n> (25), --concurrency <n> (4),
//          --quota <weight> (2000) --window-ms <ms> (30000): KuCoin's VIP0 Management pool;
//          --binance-subs <n> (4): Binance's sub-accounts in the five-exchange run (see five-exchanges-wall-time.ts);
//          --stream-subs <n> (500) --stream-keys-per-sub <n> (100): the 50,000-key dashboard.
//          --interaction-subs <n> (2000, × keys-per-sub: 50,000 keys) --interaction-samples <n> (20)
//          --table-screenshot <file.png>: the sort and filter timings, and a screenshot of that page.
//          --history-keys <n> (5000) --history-days <n> (365): the year of audit history.
import { measureAuditWallTime } from './audit-wall-time.ts';
import { measureFiveExchangeWallTime } from './five-exchanges-wall-time.ts';
import { measureTableInBrowser } from './browser-table.ts';
import { measureMalformedRequestMemory } from './malformed-requests.ts';
import { measureHistoryYear } from './history-year.ts';
import { measureRevokeCost } from './revoke-cost.ts';
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
  subAccountsByExchange: { binance: arg('binance-subs', 4) },
  streamSubs: arg('stream-subs', 500),
  streamKeysPerSub: arg('stream-keys-per-sub', 100),
  interactionSubAccounts: arg('interaction-subs', 2000),
  interactionSamples: arg('interaction-samples', 20),
  historyKeys: arg('history-keys', 5000),
  historyDays: arg('history-days', 365),
};
const screenshotIndex = process.argv.indexOf('--table-screenshot');
const tableScreenshot = screenshotIndex === -1 ? undefined : process.argv[screenshotIndex + 1];
const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

console.log(`keyaudit bench — simulator latency ${options.latencyMs} ms/request, ${options.subAccounts} sub-accounts × ${options.keysPerSub} keys\n`);

const wall = await measureAuditWallTime(options);
console.log('1. Audit wall time (KuCoin, one master connection)');
console.log(`   keys ${wall.keys}, findings ${wall.findings}, status ${wall.status}, HTTP 429s received ${wall.rateLimited}`);
console.log(`   wall ${fmt(wall.wallMs)}; latency floor ${fmt(wall.latencyFloorMs)} (concurrency ${options.concurrency}); rate-limit floor ${fmt(wall.rateLimitFloorMs)} (${options.quota} weight / ${options.windowMs / 1000} s)`);
console.log(`   ratio to the binding floor: ${wall.ratioToFloor.toFixed(2)}×; peak RSS growth during the audit ${wall.peakRssDeltaMb.toFixed(1)} MB\n`);

for (const [subAccounts, keysPerSub] of [[options.subAccounts, options.keysPerSub], [options.streamSubs, options.streamKeysPerSub]]) {
  const table = await measureTableInBrowser({ subAccounts, keysPerSub, latencyMs: options.latencyMs });
  console.log(`2. Dashboard in Chromium fed by the audit stream, ${table.keys.toLocaleString('en-US')} keys (${subAccounts} sub-accounts × ${keysPerSub})`);
  console.log(`   audit ${fmt(table.auditMs)}; first account read ${fmt(table.firstAccountReadMs)}, first row ${fmt(table.firstRowMs)}: ${fmt(table.firstRowAfterFirstReadMs)} after it (target < 1 s)`);
  console.log(`   complete table shown ${fmt(table.completeShownMs)}; scroll to the last row ${fmt(table.scrollToEndMs)}; rows in the DOM at once: ${table.renderedRows} (virtualized)`);
  console.log(`   bytes from the API for the whole run ${mb(table.apiBytes)}: ${table.bytesToRunJson.toFixed(2)}× the final run's JSON (${mb(table.runJsonBytes)}, target ≤ 1.2×), ${table.bytesToKeysJson.toFixed(2)}× its keys alone (${mb(table.keysJsonBytes)})\n`);
}

const memory = await measureMalformedRequestMemory(1000);
console.log('3. Server memory under 1,000 malformed requests');
console.log(`   RSS growth ${memory.rssGrowthMb.toFixed(1)} MB (target < 50 MB); server still answers: ${memory.stillAnswers}`);

const five = await measureFiveExchangeWallTime(options);
console.log(`\n4. Five exchanges at once, one master each, documented rate limits (sub-accounts where not --subs: ${JSON.stringify(options.subAccountsByExchange)})`);
console.log(`   wall ${fmt(five.wallMs)} for ${five.keys} keys; slowest exchange's floor ${fmt(five.slowestFloorMs)}; ratio ${five.ratioToSlowestFloor.toFixed(2)}× (target ≤ 1.05×)`);
console.log(`   last exchange answer after ${fmt(five.lastAnswerMs)} (${(five.lastAnswerMs / five.slowestFloorMs).toFixed(2)}×); then ${fmt(five.wallMs - five.lastAnswerMs)} sorting the keys and evaluating their ${five.findings} findings`);
for (const row of five.exchanges) {
  console.log(`   ${row.exchange.padEnd(8)} ${row.status.padEnd(7)} ${String(row.keys).padStart(5)} keys, ${String(row.requests).padStart(3)} requests, ${row.rateLimited} HTTP 429s;` +
    ` done after ${fmt(row.wallMs)}, floor ${fmt(row.floorMs)} (latency alone ${fmt(row.latencyFloorMs)}), ${row.ratioToFloor.toFixed(2)}×`);
  if (row.requests !== row.plannedRequests) console.log(`            floor model out of date: it plans ${row.plannedRequests} requests (exchange-audit-plans.ts)`);
}


const revoke = await measureRevokeCost(options);
console.log(`\n5. One revoke, KuCoin master with ${options.subAccounts} sub-accounts beside the other demo exchanges (${revoke.keys.toLocaleString('en-US')} keys)`);
console.log(`   ${revoke.confirmation}; ${revoke.total} exchange requests, ${revoke.beyondDelete} beyond the delete (target ≤ 3), in ${fmt(revoke.revokeMs)}: ${revoke.requests.join(', ')}`);
console.log(`   other exchanges asked: ${Object.entries(revoke.perExchange).filter(([id]) => id !== revoke.exchange).map(([id, count]) => `${id} ${count}`).join(', ')}; re-auditing instead would have cost ${revoke.auditRequests} requests (${(revoke.auditRequests / revoke.total).toFixed(0)}× this revoke)`);
const interactions = await measureTableInteractions({
  subAccounts: options.interactionSubAccounts,
  keysPerSub: options.keysPerSub,
  samples: options.interactionSamples,
  screenshotPath: tableScreenshot,
});
const ms = (figures: LatencyFigures) =>
  `median ${figures.medianMs.toFixed(0)} ms, p95 ${figures.p95Ms.toFixed(0)} ms` +
  (figures.medianCpuMs === null ? '' : ` (page main thread CPU, median ${figures.medianCpuMs.toFixed(0)} ms)`);
console.log(`\n6. Sort and filter in Chromium with ${interactions.keys.toLocaleString('en-US')} keys (in the page: input event → first paint of the new table; target < 50 ms)`);
console.log(`   sort (click a column header) ${ms(interactions.sort)}`);
console.log(`   checkbox filter ("No IP whitelist") ${ms(interactions.checkboxFilter)}`);
console.log(`   search, one keystroke ${ms(interactions.searchKeystroke)}`);
console.log(`   ${interactions.sort.samples} samples each; rows in the DOM at most: ${interactions.rowsInDom} (virtualized)`);

const year = await measureHistoryYear({ keys: options.historyKeys, days: options.historyDays, auditsPerDay: 4, keysPerSub: options.keysPerSub, addedPerDay: 3, removedPerDay: 2, changedPerDay: 6, pairs: 10 });
console.log(`\n7. Audit history: ${options.historyDays} days × 4 audits of ${options.historyKeys.toLocaleString('en-US')} keys (3 created, 2 deleted, 6 changed a day; ${year.keysCreated.toLocaleString('en-US')} keys in all)`);
console.log(`   ${year.runs.toLocaleString('en-US')} runs in ${mb(year.bytes)} (target < 50 MB: ${(year.bytes / (50 * 2 ** 20)).toFixed(2)}× of it), ${(year.bytes / year.runs / 1024).toFixed(1)} KB a run; recording a run median ${year.recordMedianMs.toFixed(0)} ms, p95 ${year.recordP95Ms.toFixed(0)} ms`);
console.log(`   changes between two runs from a freshly opened store (the newest and a random older one; read, decrypt, diff: ${year.changesFound} changes in the last pair): median ${year.pairMedianMs.toFixed(0)} ms, max ${year.pairMaxMs.toFixed(0)} ms (target < 200 ms); opening ${year.openMedianMs.toFixed(0)} ms`);
console.log(`   the same two runs loaded whole (${year.keysLoaded.toLocaleString('en-US')} keys, what the dashboard's last recorded run costs): median ${year.wholePairMedianMs.toFixed(0)} ms`);
