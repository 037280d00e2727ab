import { useDownloadReport, type ReportFormat } from '../api/download-report.ts';

const BUTTONS: Array<[ReportFormat, string]> = [
  ['json', 'Export JSON'],
  ['csv', 'Export CSV'],
  ['md', 'Export Markdown'],
];

/** The latest audit as a file: JSON for tools (versioned), CSV for spreadsheets, Markdown for tickets. */
export function ExportButtons() {
  const download = useDownloadReport();
  return (
    <div className="export-buttons" role="group" aria-label="Export report">
      {BUTTONS.map(([format, label]) => (
        <button key={format} type="button" className="button-secondary button-small" disabled={download.isPending} onClick={() => download.mutate(format)}>
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
