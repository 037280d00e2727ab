import { useState } from 'react';
import { useDownloadReport, type ReportFormat } from '../api/download-report.ts';
import { useOnScreenKeys } from '../report-scope.ts';

const BUTTONS: Array<[ReportFormat, string]> = [
  ['json', 'Export JSON'],
  ['csv', 'Export CSV'],
  ['md', 'Export Markdown'],
  ['html', 'Export HTML'],
];

type Scope = 'all' | 'on-screen';

/**
 * The latest audit as a file: JSON for tools (versioned), CSV for spreadsheets, Markdown for tickets, a printable
 * HTML page for compliance files. Which keys is chosen explicitly: all of them, or those on screen (filters applied,
 * named in the file).
 */
export function ExportButtons() {
  const download = useDownloadReport();
  const onScreen = useOnScreenKeys();
  const [scope, setScope] = useState<Scope>('all');
  const exportAs = (format: ReportFormat) =>
    download.mutate(scope === 'on-screen' && onScreen ? { format, only: { keyIds: [...onScreen.keyIds], description: onScreen.description } } : { format });
  return (
    <div className="export-buttons" role="group" aria-label="Export report">
      <select aria-label="Export which keys" value={onScreen ? scope : 'all'} onChange={(event) => setScope(event.target.value as Scope)} disabled={download.isPending}>
        <option value="all">All keys{onScreen ? ` (${onScreen.totalCount.toLocaleString('en-US')})` : ''}</option>
        {onScreen && <option value="on-screen">Keys on screen ({onScreen.keyIds.length.toLocaleString('en-US')})</option>}
      </select>
      {BUTTONS.map(([format, label]) => (
        <button key={format} type="button" className="button-secondary button-small" disabled={download.isPending} onClick={() => exportAs(format)}>
          {label}
        </button>
      ))}
      {download.isError && (
        <span role="alert" className="error-text">
          Export failed: {download.error.message}
        </span>
      )}
    </div>
  );
}
