import { useMutation } from '@tanstack/react-query';
import { apiRoutes } from '@contract/api.ts';
import type { ReportExportInput } from '@contract/audit-report.ts';
import { fetchApiFile } from '../../../lib/api-client.ts';
import { saveFile } from '../../../utils/save-file.ts';

export type ReportFormat = ReportExportInput['format'];

/** Downloads the latest audit as a report file (server/src/report), all of it or only `only`'s keys, and saves it. */
export async function downloadReport(input: ReportExportInput): Promise<void> {
  const { blob, filename } = await fetchApiFile(apiRoutes.exportReport.path, { json: input });
  saveFile(blob, filename ?? `keyaudit-report.${input.format}`);
}

export function useDownloadReport() {
  return useMutation({ mutationFn: downloadReport });
}
