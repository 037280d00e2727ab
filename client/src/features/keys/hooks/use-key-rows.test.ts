import { describe, expect, it } from 'vitest';
import { renderHook } from '@testing-library/react';
import type { AuditRun } from '@contract/audit-run.ts';
import { buildAuditRun, buildAuditedKey, buildFinding } from '../../../testing/fixtures.ts';
import { DEFAULT_KEY_VIEW_STATE, type KeyViewState } from '../utils/key-view-state.ts';
import { useKeyRows } from './use-key-rows.ts';

const keys = [
  buildAuditedKey({ id: 'payout', label: 'payout' }),
  buildAuditedKey({ id: 'grid', label: 'grid' }),
  buildAuditedKey({ id: 'reader', label: 'reader' }),
];
const withdraw = buildFinding({ keyId: 'payout', ruleId: 'withdraw-enabled', severity: 'critical' });
const before = buildAuditRun({ keys, findings: [withdraw, buildFinding({ keyId: 'grid', severity: 'high' }), buildFinding({ keyId: 'reader', severity: 'medium' })] });
/** The same run after "payout"'s only finding was accepted: by severity it now sorts last, and it is accepted-only. */
const afterAccept = buildAuditRun({ ...before, findings: [{ ...withdraw, acceptance: { reason: 'reviewed', expiresAt: '2099-01-01T00:00:00.000Z' } }, ...before.findings.slice(1)] });

type Props = { run: AuditRun; state: KeyViewState; openKeyId: string | null };
const render = (initial: Props) => renderHook((props: Props) => useKeyRows(props.run, props.state, { openKeyId: props.openKeyId }), { initialProps: initial });
const ids = (rows: { key: { id: string } }[]) => rows.map((row) => row.key.id);

describe(useKeyRows.name, () => {
  it('keeps the open key at its row index when accepting its risk re-sorts the run, and re-sorts once the panel closes', () => {
    const hook = render({ run: before, state: DEFAULT_KEY_VIEW_STATE, openKeyId: 'payout' });
    expect(ids(hook.result.current.shown)).toEqual(['payout', 'grid', 'reader']);

    hook.rerender({ run: afterAccept, state: DEFAULT_KEY_VIEW_STATE, openKeyId: 'payout' });
    expect(ids(hook.result.current.shown).indexOf('payout')).toBe(0);
    expect(ids(hook.result.current.shown)).toEqual(['payout', 'grid', 'reader']);

    hook.rerender({ run: afterAccept, state: DEFAULT_KEY_VIEW_STATE, openKeyId: null });
    // Closed: the fresh order, where the accepted-only key is hidden by default.
    expect(ids(hook.result.current.shown)).toEqual(['grid', 'reader']);
    hook.rerender({ run: afterAccept, state: { ...DEFAULT_KEY_VIEW_STATE, showAccepted: true }, openKeyId: null });
    expect(ids(hook.result.current.shown)).toEqual(['grid', 'reader', 'payout']);
  });

  it('re-sorts at once without an open panel, and follows a new sort the user picks while one is open', () => {
    const closed = render({ run: before, state: DEFAULT_KEY_VIEW_STATE, openKeyId: null });
    closed.rerender({ run: afterAccept, state: { ...DEFAULT_KEY_VIEW_STATE, showAccepted: true }, openKeyId: null });
    expect(ids(closed.result.current.shown)).toEqual(['grid', 'reader', 'payout']);

    const open = render({ run: before, state: DEFAULT_KEY_VIEW_STATE, openKeyId: 'payout' });
    open.rerender({ run: afterAccept, state: { ...DEFAULT_KEY_VIEW_STATE, sort: { column: 'label', direction: 'asc' } }, openKeyId: 'payout' });
    expect(ids(open.result.current.shown)).toEqual(['grid', 'payout', 'reader']);
  });

  it('lists a key that appears in the new run after the rows already on screen while the panel is open', () => {
    const hook = render({ run: before, state: DEFAULT_KEY_VIEW_STATE, openKeyId: 'reader' });
    const newKey = buildAuditedKey({ id: 'new', label: 'new' });
    hook.rerender({ run: buildAuditRun({ ...before, keys: [...keys, newKey], findings: [...before.findings, buildFinding({ keyId: 'new', severity: 'critical' })] }), state: DEFAULT_KEY_VIEW_STATE, openKeyId: 'reader' });
    expect(ids(hook.result.current.shown)).toEqual(['payout', 'grid', 'reader', 'new']);
  });
});
