/** The audit cache entry built from stream events: in any batches, replayed or not, it is the same table. */
import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '@contract/audit-events.ts';
import { toAuditRun } from '@contract/audit-run-snapshot.ts';
import { buildAuditRun } from '../../../testing/fixtures.ts';
import { revokedAnswer, toAuditEvents } from '../../../testing/audit-events.ts';
import { payoutKey, reviewRun } from '../../../testing/review-fixtures.ts';
import { applyDeltaToView, applyEventsToView, EMPTY_AUDIT_VIEW, shownRunState, type AuditView } from './audit-view.ts';

const events = toAuditEvents(reviewRun);
const shown = (view: AuditView) => toAuditRun(shownRunState(view)!, reviewRun.finishedAt);
const inBatches = (all: AuditEvent[], size: number) =>
  Array.from({ length: Math.ceil(all.length / size) }, (_, index) => all.slice(index * size, index * size + size)).reduce(applyEventsToView, EMPTY_AUDIT_VIEW);

describe(applyEventsToView.name, () => {
  it('builds the run the server completed, whatever the batches', () => {
    const whole = shown(applyEventsToView(EMPTY_AUDIT_VIEW, events));
    expect(whole.keys.map((key) => key.id).sort()).toEqual(reviewRun.keys.map((key) => key.id).sort());
    expect(whole.findings).toHaveLength(reviewRun.findings.length);
    for (const size of [1, 2, 3]) expect(shown(inBatches(events, size))).toEqual(whole);
  });

  it('is idempotent: events applied again (a resumed or replayed stream) leave the table as it was', () => {
    const once = applyEventsToView(EMPTY_AUDIT_VIEW, events);
    const twice = applyEventsToView(once, events);
    expect(shown(twice)).toEqual(shown(once));
    const replayedMidway = applyEventsToView(applyEventsToView(EMPTY_AUDIT_VIEW, events.slice(0, 3)), events.slice(1));
    expect(shown(replayedMidway)).toEqual(shown(once));
    expect(shown(replayedMidway).keys).toHaveLength(reviewRun.keys.length);
  });

  it('keeps showing the last complete run while a fresh one is read, then shows the fresh one', () => {
    const first = applyEventsToView(EMPTY_AUDIT_VIEW, events);
    const fresh = toAuditEvents(buildAuditRun({ keys: [] }), { runId: 'run-2' });
    const midway = applyEventsToView(first, fresh.slice(0, 2));
    expect(midway.live?.runId).toBe('run-2');
    expect(shown(midway).keys).toHaveLength(reviewRun.keys.length);
    const done = applyEventsToView(midway, fresh.slice(2));
    expect(done.previous).toBeNull();
    expect(shown(done).keys).toEqual([]);
  });
});

describe(applyDeltaToView.name, () => {
  it('drops a revoked key from the run on screen and from the run being read', () => {
    const first = applyEventsToView(EMPTY_AUDIT_VIEW, events);
    const midway = applyEventsToView(first, toAuditEvents(reviewRun, { runId: 'run-2', finished: false }));
    const after = applyDeltaToView(midway, revokedAnswer(reviewRun, payoutKey.id).delta);
    for (const state of [after.previous!, after.live!]) {
      const run = toAuditRun(state, reviewRun.finishedAt);
      expect(run.keys.map((key) => key.id)).not.toContain(payoutKey.id);
      expect(run.findings.map((finding) => finding.keyId)).not.toContain(payoutKey.id);
      expect(run.keys).toHaveLength(reviewRun.keys.length - 1);
    }
  });
});
