import type { RunSummary } from '@contract/history.ts';
import { formatAbsoluteTime, formatRelativeTime } from '../../../utils/format-relative-time.ts';

const SOURCE_WORDS: Record<RunSummary['source'], string> = { dashboard: 'dashboard', cli: 'command line', watch: 'watch', 'demo-seed': 'demo history' };

/** "Run 4 · Dec 1, 2026, 10:00 AM (3 days ago) · 70 keys · dashboard", for the run pickers. */
export function describeRun(run: RunSummary, nowMs: number): string {
  const finishedAt = new Date(run.finishedAt);
  const failed = run.connections.failed > 0 ? ` · ${run.connections.failed} failed` : '';
  return `Run ${run.runId} · ${formatAbsoluteTime(finishedAt)} (${formatRelativeTime(finishedAt, nowMs)}) · ${run.keys} keys${failed} · ${SOURCE_WORDS[run.source]}`;
}
