/**
 * Uploaded exports loaded as background jobs: the API saves each file under
 * <data dir>/uploads/<job>/ and hands the list to the same loader the CLI uses, then resolves
 * identities; the job reports progress per file and each file's report when done. The load runs in
 * the process that accepted the upload, and reports to the job board (jobs/board.ts), so any API
 * process answers for it. If that process stops, the job reads as failed; the data is not lost:
 * loads are resumable and a re-upload of the same bytes is recognised.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import type { Db } from '../db/db.ts';
import type { JobBoard } from '../jobs/board.ts';
import { defineQuery } from '../db/registry.ts';
import { resolveIdentities } from './resolve.ts';
import { ingestFiles, type FileReport, type IngestDeps } from './service.ts';

export const getBatch = defineQuery({
  name: 'ingest/get-batch',
  mode: 'READ',
  params: z.object({ id: z.string().regex(/^b[0-9a-f]{16}$/) }),
  row: z.object({
    id: z.string(),
    file: z.string(),
    status: z.string(),
    regionCode: z.string().nullable(),
    sourceSystem: z.string(),
    spec: z.string().nullable(),
    archivedAs: z.string().nullable(),
    total: z.number().int().nullable(),
    accepted: z.number().int().nullable(),
    rejected: z.number().int().nullable(),
    duplicate: z.number().int().nullable(),
  }),
});

export interface UploadJob {
  id: string;
  owner: string;
  status: 'running' | 'complete' | 'failed';
  startedAt: string;
  /** The reporting region the files were loaded for, the department, and the spec asked for (null: detected). */
  region: string | null;
  dept: string | null;
  spec: string | null;
  files: {
    name: string;
    rows: number;
    expectedRows: number | null;
    report: FileReport | null;
    /** The title of the spec that read the file, in both languages, once it is known. */
    specTitle: { zh: string; en: string } | null;
  }[];
  error: string | null;
}

/** Upload jobs on the job board. */
const JOB_KIND = 'ingest';
/** What to do about a job whose process stopped. */
const STOPPED = '; upload the files again: what was loaded already is recognised and kept';

/** A job reported before the job carried its region, department and spec titles reads with them null. */
function withDefaults(job: UploadJob): UploadJob {
  return {
    ...job,
    region: job.region ?? null,
    dept: job.dept ?? null,
    spec: job.spec ?? null,
    files: job.files.map((f) => ({ ...f, specTitle: f.specTitle ?? null })),
  };
}

export class UploadJobs {
  constructor(private readonly board: JobBoard) {}

  /** The job as last reported, to its owner or an admin; null to anyone else, as if there were none. */
  async get(id: string, user: { username: string; role: string }): Promise<UploadJob | null> {
    const found = await this.board.read<UploadJob>(JOB_KIND, id, STOPPED);
    if (!found || (found.owner !== user.username && user.role !== 'admin')) return null;
    return withDefaults(found.state);
  }

  /** The newest upload jobs: an admin's of everyone, anyone else's of their own. */
  async list(user: { username: string; role: string }, limit: number): Promise<UploadJob[]> {
    const owner = user.role === 'admin' ? null : user.username;
    return (await this.board.list<UploadJob>(JOB_KIND, owner, limit, STOPPED)).map((r) => withDefaults(r.state));
  }

  newId(): string {
    return `upload-${randomUUID()}`;
  }

  /**
   * Starts loading an upload's files (all in `upload.dir`) in the background. The directory is
   * removed when the job ends, or at once if the job cannot start: each file a load read is kept in
   * the content-addressed archive (what the original-row view reads), so the upload's own copy would
   * only double the disk each upload takes.
   */
  async start(
    id: string,
    owner: string,
    upload: { dir: string; files: { path: string; name: string }[] },
    options: { region: string | null; dept: string | null; spec: string | null },
    deps: IngestDeps & { db: Db },
  ): Promise<UploadJob> {
    const removeUpload = () => fs.rmSync(upload.dir, { recursive: true, force: true });
    const { files } = upload;
    const job: UploadJob = {
      id,
      owner,
      status: 'running',
      startedAt: new Date().toISOString(),
      region: options.region,
      dept: options.dept,
      spec: options.spec,
      files: files.map((f) => ({ name: f.name, rows: 0, expectedRows: null, report: null, specTitle: null })),
      error: null,
    };
    const reporting = await this.board.open(JOB_KIND, id, owner, job).catch((error: unknown) => {
      removeUpload();
      throw error;
    });
    const byPath = new Map(files.map((f, i) => [f.path, i]));
    void (async () => {
      try {
        const reports = await ingestFiles(
          files.map((f) => f.path),
          {
            region: options.region ?? undefined,
            dept: options.dept ?? undefined,
            spec: options.spec ?? undefined,
            onProgress: (p) => {
              const entry = job.files[byPath.get(p.file) ?? -1];
              if (entry) Object.assign(entry, { rows: p.rows, expectedRows: p.expectedRows });
              reporting.update(job);
            },
          },
          deps,
        );
        reports.forEach((r, i) => {
          const entry = job.files[i];
          // The report names the server's copy of the file; the client knows it by its own name.
          if (!entry) return;
          entry.report = { ...r, file: entry.name, rejectsFile: null };
          entry.specTitle = deps.specs.find((spec) => spec.name === r.spec)?.title ?? null;
        });
        if (reports.some((r) => r.status === 'loaded')) await resolveIdentities(deps.db);
        job.status = reports.some((r) => r.status === 'failed') ? 'failed' : 'complete';
        job.error = reports.find((r) => r.status === 'failed')?.error ?? null;
      } catch (error) {
        job.status = 'failed';
        job.error = error instanceof Error ? error.message : String(error);
      }
      // A report that fails leaves the job to read as stopped once it goes unheard.
      await reporting.end(job).catch(() => undefined);
      removeUpload();
    })();
    return job;
  }
}
