import { useCallback, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { AuditedKey } from '@contract/audited-key.ts';
import { KeyRow } from './key-row.tsx';

/** Below this many rows every row is rendered; above it only the visible window is. */
export const VIRTUALIZE_AFTER_ROWS = 60;
const ESTIMATED_ROW_HEIGHT_PX = 49;
const COLUMN_COUNT = 8;

type KeyTableProps = { keys: AuditedKey[]; onRevokeKey: (key: AuditedKey) => void };

/**
 * Every key of every connection and account in one semantic table. With thousands of keys only the
 * visible rows exist in the DOM, between two spacer rows that keep the scrollbar honest.
 */
export function KeyTable({ keys, onRevokeKey }: KeyTableProps) {
  // State, not a ref: the virtualizer needs the element, and an ancestor's ref is not yet set when
  // the rows' layout effects first run.
  const [scrollElement, setScrollElement] = useState<HTMLDivElement | null>(null);
  const isVirtual = keys.length > VIRTUALIZE_AFTER_ROWS;
  return (
    // Focusable so keyboard users can scroll it (WCAG 2.1.1); named so the focus stop makes sense.
    <div ref={setScrollElement} className="table-scroll" tabIndex={0} role="region" aria-label="API keys table">
      <table className="key-table" aria-rowcount={isVirtual ? keys.length + 1 : undefined}>
        <caption className="visually-hidden">API keys ({keys.length})</caption>
        <colgroup>
          <col className="col-exchange" />
          <col className="col-account" />
          <col className="col-label" />
          <col className="col-api-key" />
          <col className="col-permissions" />
          <col className="col-ip" />
          <col className="col-created" />
          <col className="col-revoke" />
        </colgroup>
        <thead>
          <tr aria-rowindex={isVirtual ? 1 : undefined}>
            <th scope="col">Exchange</th>
            <th scope="col">Account</th>
            <th scope="col">Label</th>
            <th scope="col">API key</th>
            <th scope="col">Permissions</th>
            <th scope="col">IP whitelist</th>
            <th scope="col">Created</th>
            <th scope="col">Revoke</th>
          </tr>
        </thead>
        <tbody>
          {isVirtual ? (
            scrollElement && <VirtualRows keys={keys} onRevokeKey={onRevokeKey} scrollElement={scrollElement} />
          ) : (
            keys.map((key) => <KeyRow key={key.id} keyInfo={key} onRevoke={onRevokeKey} />)
          )}
        </tbody>
      </table>
    </div>
  );
}

type VirtualRowsProps = KeyTableProps & { scrollElement: HTMLDivElement };

function VirtualRows({ keys, onRevokeKey, scrollElement }: VirtualRowsProps) {
  const getItemKey = useCallback((index: number) => keys[index]!.id, [keys]);
  const virtualizer = useVirtualizer({
    count: keys.length,
    getScrollElement: () => scrollElement,
    estimateSize: () => ESTIMATED_ROW_HEIGHT_PX,
    getItemKey,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const paddingTopPx = items[0]?.start ?? 0;
  const paddingBottomPx = items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;
  return (
    <>
      {paddingTopPx > 0 && <SpacerRow heightPx={paddingTopPx} />}
      {items.map((item) => (
        <KeyRow
          key={item.key}
          ref={virtualizer.measureElement}
          index={item.index}
          keyInfo={keys[item.index]!}
          onRevoke={onRevokeKey}
        />
      ))}
      {paddingBottomPx > 0 && <SpacerRow heightPx={paddingBottomPx} />}
    </>
  );
}

/** Stands in for the rows scrolled out of view; React's style prop goes through CSSOM, which the CSP allows. */
function SpacerRow({ heightPx }: { heightPx: number }) {
  return (
    <tr aria-hidden="true" className="spacer-row">
      <td colSpan={COLUMN_COUNT} style={{ height: heightPx }} />
    </tr>
  );
}
