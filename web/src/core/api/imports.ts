/** Uploading exports: a multipart POST starts a load job; its progress and reports are read by id. */
import type { UploadJobView } from '../../../../server/http/routes/ingest.ts';
import { api, postForm } from './client.ts';

export type { UploadJobView };

/** The form's fields go before its files: the server judges the region at the first file. */
export function uploadExports(files: File[], fields: { region: string; dept: string }): Promise<UploadJobView> {
  const form = new FormData();
  form.append('region', fields.region);
  if (fields.dept.trim()) form.append('dept', fields.dept.trim());
  for (const file of files) form.append('file', file, file.name);
  return postForm<UploadJobView>('/api/ingest', form);
}

/** Your upload jobs of the last 30 days, newest first (an admin's: everyone's). */
export const uploadJobs = (limit = 20) =>
  api<{ items: UploadJobView[] }>('GET', '/api/ingest/jobs', { query: { limit } }).then((r) => r.items);

export const uploadJob = (id: string) => api<UploadJobView>('GET', `/api/ingest/jobs/${encodeURIComponent(id)}`);

/** Where a batch's rejected rows download (CSV; audited; the batch's region only). */
export const rejectsUrl = (batchId: string) => `/api/batches/${encodeURIComponent(batchId)}/rejects`;
