type GroupingControlsProps = {
  isGrouped: boolean;
  onGroupedChange: (grouped: boolean) => void;
  onCollapseAll: () => void;
  onExpandAll: () => void;
};

/** "Group by account", and while grouped: collapse or expand every group, and how groups are ordered. */
export function GroupingControls({ isGrouped, onGroupedChange, onCollapseAll, onExpandAll }: GroupingControlsProps) {
  return (
    <span className="grouping-controls">
      <label className="inline-check view-toggle">
        <input type="checkbox" checked={isGrouped} onChange={(event) => onGroupedChange(event.target.checked)} />
        Group by account
      </label>
      {isGrouped && (
        <>
          <button type="button" className="button-link" onClick={onCollapseAll}>
            Collapse all
          </button>
          <button type="button" className="button-link" onClick={onExpandAll}>
            Expand all
          </button>
          <span className="group-order-hint">Groups: worst finding first, then by name; keys sorted within each.</span>
        </>
      )}
    </span>
  );
}
