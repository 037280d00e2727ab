import { useMutation } from '@tanstack/react-query';
import { fetchApiFile } from '../../../lib/api-client.ts';
import { saveFile } from '../../../utils/save-file.ts';

export const REPORT_FORMATS = ['json', 'csv', 'md'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Downloads the latest audit as a report file (server/src/report) and saves it. */
export async function downloadReport(format: ReportFormat): Promise<void> {
  const { blob, filename } = await fetchApiFile(`/api/audit/report?format=${format}`);
  saveFile(blob, filename ?? `keyaudit-report.${format}`);
}

export function useDownloadReport() {
  return useMutation({ mutationFn: downloadReport });
}
