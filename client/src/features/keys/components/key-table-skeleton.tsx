const SKELETON_ROWS = 6;

/** Grey placeholder rows while the first audit runs; hidden from assistive tech, which hears the status line. */
export function KeyTableSkeleton() {
  return (
    <div className="table-scroll" aria-hidden="true">
      <table className="key-table skeleton">
        <tbody>
          {Array.from({ length: SKELETON_ROWS }, (_, row) => (
            <tr key={row}>
              {Array.from({ length: 8 }, (_, cell) => (
                <td key={cell}>
                  <span className="skeleton-bar" />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
