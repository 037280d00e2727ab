import type { RestrictAsk } from './restrict-request.ts';
import type { ReactNode } from 'react';

type SelectionToolbarProps = {
  shownCount: number;
  totalCount: number;
  /** Keys left out only because every finding of theirs is an accepted risk. */
  hiddenAcceptedCount: number;
  selectedCount: number;
  /** Selected keys the current filters hide: they are still revoked, so say so. */
  selectedHiddenCount: number;
  /** Set when filters or the search narrow the list: offers "Clear filters" beside the count. */
  onClearFilters: (() => void) | null;
  onSelectWithdrawWithoutWhitelist: () => void;
  /** Keys bound to a third-party application, shown or not; the button is offered only when there are some. */
  thirdPartyCount: number;
  onSelectThirdParty: () => void;
  onClearSelection: () => void;
  onRevokeSelected: () => void;
  /** Restrict instead of revoke, for the whole selection; absent where the view offers no restrict. */
  onRestrictSelected?: (ask: RestrictAsk) => void;
  /** Set while revoking cannot be offered yet: "Revoke selected" is disabled, this is its tooltip. */
  revokeUnavailableReason?: string | null;
  /** How the table is shown (row density), beside the count. */
  viewOptions?: ReactNode;
};

// One formatter for every render: toLocaleString builds a new one per call, slow enough to show on a keystroke.
const numberFormat = new Intl.NumberFormat('en-US');
const keys = (count: number) => `${numberFormat.format(count)} ${count === 1 ? 'key' : 'keys'}`;

/** How many keys the filters show, the selection, and the bulk actions on it. */
export function SelectionToolbar(props: SelectionToolbarProps) {
  const { shownCount, totalCount, hiddenAcceptedCount, selectedCount, selectedHiddenCount } = props;
  return (
    <div className="selection-bar">
      <div className="shown-count-line">
        <p className="shown-count" aria-live="polite">
          {shownCount === totalCount ? keys(totalCount) : `${numberFormat.format(shownCount)} of ${keys(totalCount)}`}
          {hiddenAcceptedCount > 0 && <span className="muted"> ({hiddenAcceptedCount} with only accepted risks hidden)</span>}
        </p>
        {props.onClearFilters && shownCount > 0 && (
          <button type="button" className="button-link" onClick={props.onClearFilters}>
            Clear filters
          </button>
        )}
        {props.viewOptions}
      </div>
      <div className="selection-actions">
        <button type="button" className="button-secondary button-small" onClick={props.onSelectWithdrawWithoutWhitelist}>
          Select all that can withdraw without a whitelist
        </button>
        {props.thirdPartyCount > 0 && (
          <button
            type="button"
            className="button-secondary button-small"
            title="Keys the exchange says a third-party application is bound to: after that platform leaks, the keys to revoke"
            onClick={props.onSelectThirdParty}
          >
            Select all linked to a third party ({props.thirdPartyCount})
          </button>
        )}
        {selectedCount > 0 && (
          <>
            <span className="selected-count">
              {selectedCount} selected{selectedHiddenCount > 0 && `, ${selectedHiddenCount} not shown`}
            </span>
            <button type="button" className="button-link" onClick={props.onClearSelection}>
              Clear selection
            </button>
          </>
        )}
        {props.onRestrictSelected && (
          <>
            <button type="button" className="button-secondary button-small" disabled={selectedCount === 0 || Boolean(props.revokeUnavailableReason)} onClick={() => props.onRestrictSelected?.({ kind: 'ips' })}>
              Restrict IPs of selected
            </button>
            <button
              type="button"
              className="button-secondary button-small"
              disabled={selectedCount === 0 || Boolean(props.revokeUnavailableReason)}
              onClick={() => props.onRestrictSelected?.({ kind: 'drop', drop: ['withdraw'] })}
            >
              Remove permissions of selected
            </button>
          </>
        )}
        <button
          type="button"
          className="button-danger button-small"
          disabled={selectedCount === 0 || Boolean(props.revokeUnavailableReason)}
          title={props.revokeUnavailableReason ?? undefined}
          onClick={props.onRevokeSelected}
        >
          Revoke selected ({selectedCount})
        </button>
      </div>
    </div>
  );
}
