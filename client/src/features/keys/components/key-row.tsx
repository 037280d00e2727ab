import { memo, type Ref } from 'react';
import { EXCHANGE_NAMES } from '@contract/exchanges.ts';
import type { AuditedKey } from '@contract/audited-key.ts';
import { PermissionChips } from '../../../components/permission-chips.tsx';
import { IpWhitelist } from '../../../components/ip-whitelist.tsx';
import { SeverityBadge } from '../../../components/severity-badge.tsx';
import { accountShortName } from '../../../utils/describe-account.ts';
import { keyDisplayName } from '../../../utils/key-display-name.ts';
import type { KeyRowModel } from '../utils/key-row-model.ts';
import { ApiKeyCell } from './api-key-cell.tsx';
import { CreatedAt } from './created-at.tsx';
import { ExpiresAt, LastUsedAt } from './key-dates.tsx';
import { KeyLabel } from './key-label.tsx';
import { RevokeAction } from './revoke-action.tsx';

type KeyRowProps = {
  row: KeyRowModel;
  /** Position in the shown list: keyboard navigation moves by it. */
  rowIndex: number;
  isSelected: boolean;
  isActive: boolean;
  onToggleSelected: (keyId: string) => void;
  onOpenDetails: (key: AuditedKey) => void;
  onRevoke: (key: AuditedKey) => void;
  /** Set while revoking cannot be offered: the Revoke button is disabled with this tooltip. */
  revokeUnavailableReason: string | null;
  /** Set only when virtualized: the row's position for assistive tech and the virtualizer. */
  virtualIndex?: number;
  ref?: Ref<HTMLTableRowElement>;
};

/**
 * Memoized: selecting one key re-renders that row, not the whole window. A row that only moved (a
 * filter or sort shifted it) updates its position attributes; its cells are memoized apart.
 */
export const KeyRow = memo(function KeyRow({ row, rowIndex, isSelected, isActive, virtualIndex, ref, ...cellProps }: KeyRowProps) {
  const className = [isSelected && 'row-selected', isActive && 'row-active'].filter(Boolean).join(' ') || undefined;
  return (
    <tr
      ref={ref}
      className={className}
      data-row-index={rowIndex}
      data-key-id={row.key.id}
      data-index={virtualIndex}
      aria-rowindex={virtualIndex === undefined ? undefined : virtualIndex + 2}
    >
      <KeyRowCells row={row} isSelected={isSelected} {...cellProps} />
    </tr>
  );
});

type KeyRowCellsProps = Pick<KeyRowProps, 'row' | 'isSelected' | 'onToggleSelected' | 'onOpenDetails' | 'onRevoke' | 'revokeUnavailableReason'>;

const KeyRowCells = memo(function KeyRowCells({ row, isSelected, onToggleSelected, onOpenDetails, onRevoke, revokeUnavailableReason }: KeyRowCellsProps) {
  const { key: keyInfo } = row;
  const name = keyDisplayName(keyInfo);
  return (
    <>
      <td className="cell-select">
        <input type="checkbox" aria-label={`Select ${name}`} checked={isSelected} onChange={() => onToggleSelected(keyInfo.id)} />
      </td>
      <td className="cell-severity" data-label="Severity">
        <SeverityBadge level={row.level} />
      </td>
      <td className="cell-label" data-label="Label">
        <KeyLabel keyInfo={keyInfo} onOpenDetails={onOpenDetails} />
      </td>
      <td data-label="Exchange">{EXCHANGE_NAMES[keyInfo.exchange]}</td>
      <td className="cell-account" data-label="Account">
        {accountShortName(keyInfo.account)}
      </td>
      <td data-label="API key">
        <ApiKeyCell keyInfo={keyInfo} />
      </td>
      <td data-label="Permissions">
        <PermissionChips permissions={keyInfo.permissions} capabilities={keyInfo.capabilities} />
      </td>
      <td data-label="IP whitelist">
        <IpWhitelist
          whitelist={keyInfo.ipWhitelist}
          isUnread={keyInfo.unread?.includes('ip-whitelist')}
          notReportedBy={keyInfo.unreported?.includes('ip-whitelist') ? EXCHANGE_NAMES[keyInfo.exchange] : undefined}
        />
      </td>
      <td data-label="Expires">
        <ExpiresAt row={row} />
      </td>
      <td data-label="Last used">
        <LastUsedAt row={row} />
      </td>
      <td data-label="Created">
        <CreatedAt iso={keyInfo.createdAt} />
      </td>
      <td className="cell-revoke">
        <RevokeAction keyInfo={keyInfo} onRevoke={onRevoke} unavailableReason={revokeUnavailableReason} />
      </td>
    </>
  );
});
