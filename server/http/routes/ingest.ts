/**
 * Upload exports over HTTP (multipart/form-data: one or more `file` parts, optional `region`,
 * `dept`, `spec` fields); they load as a background job with per-file progress, and each batch's
 * report and rejected rows can be downloaded. Loading is for analysts and admins, into a region of
 * their own scope; rejected rows hold the original text, personal identifiers included, so their
 * download is scope-checked and audited.
 */
import fs from 'node:fs';
import path from 'node:path';
import busboy from 'busboy';
import type { Request } from 'express';
import { z } from 'zod';
import type { Role } from '../../auth/roles.ts';
import { currentRegion } from '../../domain/regions.ts';
import {
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../../errors.ts';
import { loadSpecs } from '../../ingest/spec/load.ts';
import { getBatch, UploadJobs } from '../../ingest/uploads.ts';
import type { JobBoard } from '../../jobs/board.ts';
import { defineRoute, RawResponse, type AnyRoute } from '../route.ts';

const LOADERS: Role[] = ['admin', 'analyst'];
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
const MAX_FILES = 20;
const EXTENSIONS = new Set(['.csv', '.txt', '.xlsx', '.jsonl', '.ndjson']);

const FileProgressSchema = z.object({
  name: z.string(),
  rows: z.number().int(),
  expectedRows: z.number().int().nullable(),
  report: z
    .object({
      status: z.string(),
      batchId: z.string().nullable(),
      spec: z.string().nullable(),
      regionCode: z.string().nullable(),
      encoding: z.string().nullable(),
      total: z.number().int(),
      accepted: z.number().int(),
      rejected: z.number().int(),
      duplicate: z.number().int(),
      reasons: z.record(z.string(), z.number()),
      seconds: z.number(),
      error: z.string().nullable(),
    })
    .nullable(),
});
const UploadJobSchema = z.object({
  id: z.string(),
  status: z.enum(['running', 'complete', 'failed']),
  startedAt: z.string(),
  files: z.array(FileProgressSchema),
  error: z.string().nullable(),
});

/** A file name as stored: its base name with anything unusual replaced, kept short. */
export function safeName(name: string, index: number): string {
  const base = path
    .basename(name.replace(/\\/g, '/'))
    .replace(/[^\w.\-\u3400-\u9fff]/g, '_')
    .slice(-100);
  return `${String(index).padStart(2, '0')}-${base || 'upload'}`;
}

interface Upload {
  files: { path: string; name: string }[];
  fields: Record<string, string>;
}

function receive(req: Request, dir: string): Promise<Upload> {
  if (!/^multipart\/form-data/i.test(req.get('content-type') ?? '')) {
    return Promise.reject(
      new UnsupportedMediaTypeError('send the exports as multipart/form-data with one or more `file` parts'),
    );
  }
  return new Promise((resolve, reject) => {
    const files: Upload['files'] = [];
    const fields: Record<string, string> = {};
    const writes: Promise<void>[] = [];
    let failure: Error | null = null;
    const fail = (error: Error) => {
      failure ??= error;
    };
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: { fileSize: MAX_UPLOAD_BYTES, files: MAX_FILES, fields: 10, fieldSize: 1_000 },
      });
    } catch {
      reject(new ValidationError('malformed multipart/form-data request'));
      return;
    }
    bb.on('file', (field, stream, info) => {
      const filename = info.filename ?? 'upload';
      const ext = path.extname(filename).toLowerCase();
      if (field !== 'file' || !EXTENSIONS.has(ext)) {
        fail(
          new UnsupportedMediaTypeError(
            `${info.filename || field}: send CSV, TXT, XLSX or JSON Lines files in \`file\` parts`,
          ),
        );
        stream.resume();
        return;
      }
      fs.mkdirSync(dir, { recursive: true });
      const target = path.join(dir, safeName(filename, files.length + 1));
      files.push({ path: target, name: path.basename(filename) });
      const out = fs.createWriteStream(target, { flags: 'wx' });
      stream.on('limit', () =>
        fail(new PayloadTooLargeError(`${filename}: a file may have at most ${MAX_UPLOAD_BYTES / 2 ** 20} MB`)),
      );
      writes.push(
        new Promise<void>((done) => {
          out.on('close', () => done());
          out.on('error', (error) => {
            fail(error);
            done();
          });
        }),
      );
      stream.pipe(out);
    });
    bb.on('field', (name, value) => {
      fields[name] = value;
    });
    bb.on('filesLimit', () => fail(new PayloadTooLargeError(`at most ${MAX_FILES} files per upload`)));
    bb.on('error', () => fail(new ValidationError('malformed multipart/form-data request')));
    bb.on('close', () => {
      void Promise.all(writes).then(() => {
        if (failure) {
          fs.rmSync(dir, { recursive: true, force: true });
          reject(failure);
        } else if (files.length === 0) {
          reject(new ValidationError('no `file` part in the upload'));
        } else resolve({ files, fields });
      });
    });
    req.pipe(bb);
  });
}

/** `board`: where upload jobs are reported, so any API process answers for one. */
export function ingestRoutes(board: JobBoard): AnyRoute[] {
  const jobs = new UploadJobs(board);
  return [
    defineRoute({
      method: 'post',
      path: '/api/ingest',
      summary:
        'Upload exports (multipart: `file` parts; `region`, `dept`, `spec` fields) and load them as a background job',
      tag: 'ingest',
      allow: LOADERS,
      response: UploadJobSchema,
      status: 202,
      audit: { action: 'ingest.upload', target: () => null },
      async handler({ req, user, scope, deps }) {
        const id = jobs.newId();
        const upload = await receive(req, path.join(deps.config.paths.dataDir, 'uploads', id));
        const fields = z
          .object({
            region: z
              .string()
              .regex(/^\d{6}$/, 'region: a 6-digit region code')
              .optional(),
            dept: z.string().trim().min(1).max(100).optional(),
            spec: z
              .string()
              .regex(/^[a-z0-9-]{1,64}$/, 'spec: the name of an import spec')
              .optional(),
          })
          .safeParse(upload.fields);
        const cleanup = () => fs.rmSync(path.dirname(upload.files[0]?.path ?? ''), { recursive: true, force: true });
        if (!fields.success) {
          cleanup();
          throw new ValidationError(`invalid upload field: ${fields.error.issues[0]?.message ?? 'invalid'}`);
        }
        const specs = loadSpecs(path.join(deps.config.paths.dataDir, 'specs'));
        if (fields.data.spec && !specs.some((s) => s.name === fields.data.spec)) {
          cleanup();
          throw new ValidationError(`unknown import spec ${fields.data.spec}`);
        }
        // Exports are loaded as reported by a region of the uploader's own scope.
        const region = fields.data.region ?? (user.regions.length === 1 ? user.regions[0] : undefined);
        const today = region ? currentRegion(region)?.code : undefined;
        if (!region || !today || !scope.codes.includes(today)) {
          cleanup();
          throw new ForbiddenError(
            region ? `region ${region} is not in your scope` : 'name the reporting `region` (your scope has several)',
          );
        }
        const job = await jobs.start(
          id,
          user.username,
          upload.files,
          { region: today, dept: fields.data.dept ?? null, spec: fields.data.spec ?? null },
          { db: deps.db, config: deps.config, secrets: deps.secrets, specs },
        );
        return job;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/ingest/jobs/:id',
      summary: 'Progress of an upload job, and each file’s report when it is loaded',
      tag: 'ingest',
      allow: LOADERS,
      params: z.object({ id: z.string().max(80) }),
      response: UploadJobSchema,
      async handler({ params, user }) {
        const job = await jobs.get(params.id, user);
        if (!job) throw new NotFoundError(`upload job ${params.id} not found`);
        return job;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/batches/:id/rejects',
      summary: 'The rejected rows of a batch as CSV (file, line, field, reason in Chinese and English, original row)',
      tag: 'ingest',
      allow: LOADERS,
      params: z.object({ id: z.string().regex(/^b[0-9a-f]{16}$/, 'not a batch id') }),
      response: z.unknown(),
      audit: { action: 'rejects.download' },
      async handler({ params, scope, deps }) {
        const [batch] = await deps.db.run(getBatch, { id: params.id });
        const file = path.join(deps.config.paths.dataDir, 'batches', `${params.id}.rejects.csv`);
        if (!batch || !batch.regionCode || !scope.codes.includes(batch.regionCode) || !fs.existsSync(file)) {
          throw new NotFoundError(`batch ${params.id} not found`);
        }
        return new RawResponse((res) => {
          res.type('text/csv; charset=utf-8');
          res.attachment(`${batch.id}.rejects.csv`);
          fs.createReadStream(file).pipe(res);
        });
      },
    }),
  ];
}
