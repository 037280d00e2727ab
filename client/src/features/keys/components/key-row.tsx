import type { Ref } from 'react';
import { EXCHANGE_NAMES } from '@contract/exchange-id.ts';
import type { AuditedKey } from '@contract/audited-key.ts';
import { PermissionChips } from '../../../components/permission-chips.tsx';
import { IpWhitelist } from '../../../components/ip-whitelist.tsx';
import { accountShortName } from '../../../utils/describe-account.ts';
import { ApiKeyCell } from './api-key-cell.tsx';
import { CreatedAt } from './created-at.tsx';
import { KeyLabel } from './key-label.tsx';
import { RevokeAction } from './revoke-action.tsx';

type KeyRowProps = {
  keyInfo: AuditedKey;
  onRevoke: (key: AuditedKey) => void;
  /** Set only when virtualized: the row's position for assistive tech and the virtualizer. */
  index?: number;
  ref?: Ref<HTMLTableRowElement>;
};

export function KeyRow({ keyInfo, onRevoke, index, ref }: KeyRowProps) {
  return (
    <tr ref={ref} data-index={index} aria-rowindex={index === undefined ? undefined : index + 2}>
      <td>{EXCHANGE_NAMES[keyInfo.exchange]}</td>
      <td className="cell-account">{accountShortName(keyInfo.account)}</td>
      <td className="cell-label">
        <KeyLabel keyInfo={keyInfo} />
      </td>
      <td>
        <ApiKeyCell keyInfo={keyInfo} />
      </td>
      <td>
        <PermissionChips permissions={keyInfo.permissions} capabilities={keyInfo.capabilities} />
      </td>
      <td>
        <IpWhitelist whitelist={keyInfo.ipWhitelist} />
      </td>
      <td>
        <CreatedAt iso={keyInfo.createdAt} />
      </td>
      <td>
        <RevokeAction keyInfo={keyInfo} onRevoke={onRevoke} />
      </td>
    </tr>
  );
}
