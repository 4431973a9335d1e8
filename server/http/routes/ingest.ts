/**
 * Upload exports over HTTP (multipart/form-data: one or more `file` parts, optional `region`,
 * `dept`, `spec` fields); they load as a background job with per-file progress, and each batch's
 * report and rejected rows can be downloaded. Loading is for analysts and admins, into a region of
 * their own scope; rejected rows hold the original text, personal identifiers included, so their
 * download is scope-checked and audited.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pipeline, Readable } from 'node:stream';
import busboy from 'busboy';
import type { Request } from 'express';
import { z } from 'zod';
import { EXPLORERS, type Role } from '../../auth/roles.ts';
import { currentRegion } from '../../domain/regions.ts';
import {
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../../errors.ts';
import { shownRejects } from '../../ingest/rejects.ts';
import { MAX_SOURCE_LINES, readSourceRows } from '../../ingest/source-rows.ts';
import { loadSpecs } from '../../ingest/spec/load.ts';
import { getBatch, UploadJobs } from '../../ingest/uploads.ts';
import type { JobBoard } from '../../jobs/board.ts';
import { defineRoute, RawResponse, type AnyRoute } from '../route.ts';

const LOADERS: Role[] = ['admin', 'analyst'];
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
/** All the files of one upload together. */
export const MAX_UPLOAD_TOTAL = 1024 * 1024 * 1024;
const MAX_FILES = 20;
const EXTENSIONS = new Set(['.csv', '.txt', '.xlsx', '.jsonl', '.ndjson']);

const FileProgressSchema = z.object({
  name: z.string(),
  rows: z.number().int(),
  expectedRows: z.number().int().nullable(),
  /** The title of the spec that read the file, once loaded. */
  specTitle: z.object({ zh: z.string(), en: z.string() }).nullable(),
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
const BatchIdSchema = z.string().regex(/^b[0-9a-f]{16}$/, 'not a batch id');

const SourceRowsSchema = z.object({
  batch: z.object({ id: z.string(), file: z.string(), regionCode: z.string().nullable() }),
  /** The header row as the file has it, and its line. */
  header: z.array(z.string()),
  headerLine: z.number().int(),
  /** Each asked line's cells in the header's order; personal identifiers masked. */
  rows: z.array(z.object({ line: z.number().int(), cells: z.array(z.string()), error: z.string().nullable() })),
  /** Asked lines that hold no row (the header, a blank line, past the end). */
  missing: z.array(z.number().int()),
});

export type SourceRowsView = z.infer<typeof SourceRowsSchema>;

const UploadJobSchema = z.object({
  id: z.string(),
  /** Who uploaded (an admin lists everyone's jobs). */
  owner: z.string(),
  status: z.enum(['running', 'complete', 'failed']),
  startedAt: z.string(),
  /** The reporting region, the department and the spec asked for (null: detected per file). */
  region: z.string().nullable(),
  dept: z.string().nullable(),
  spec: z.string().nullable(),
  files: z.array(FileProgressSchema),
  error: z.string().nullable(),
});

export type UploadJobView = z.infer<typeof UploadJobSchema>;

/** How much of a client's file name is kept, in bytes of UTF-8: file systems allow 255 bytes. */
const NAME_BYTES = 120;

/** A file name as stored: its base name with anything unusual replaced, its end kept (the extension). */
export function safeName(name: string, index: number): string {
  const base = path.basename(name.replace(/\\/g, '/')).replace(/[^\w.\-\u3400-\u9fff]/g, '_');
  let kept = '';
  for (const ch of [...base].reverse()) {
    if (Buffer.byteLength(ch + kept) > NAME_BYTES) break;
    kept = ch + kept;
  }
  return `${String(index).padStart(2, '0')}-${kept || 'upload'}`;
}

interface Upload<T> {
  files: { path: string; name: string }[];
  /** What `admit` made of the fields sent before the first file part. */
  admitted: T;
}

/**
 * Reads a multipart upload into `dir`. The form's fields come first: at the first file part,
 * `admit` judges the fields sent so far (the region, the spec) and throws to refuse, so a refused
 * upload stops there, before its files are written; a field after a file part is refused. At most
 * MAX_FILES files of MAX_UPLOAD_BYTES each and MAX_UPLOAD_TOTAL in all. Any refusal, and a client
 * that goes away mid-upload, stops the reading at once, removes what was written and settles the
 * promise (busboy itself never ends when its input stops short); the answer to a refusal closes the
 * connection, so the rest of the body is not read either.
 */
function receive<T>(req: Request, dir: string, admit: (fields: Record<string, string>) => T): Promise<Upload<T>> {
  if (!/^multipart\/form-data/i.test(req.get('content-type') ?? '')) {
    return Promise.reject(
      new UnsupportedMediaTypeError('send the exports as multipart/form-data with one or more `file` parts'),
    );
  }
  return new Promise((resolve, reject) => {
    const files: Upload<T>['files'] = [];
    const fields: Record<string, string> = {};
    const outs: fs.WriteStream[] = [];
    const writes: Promise<void>[] = [];
    let admitted: { value: T } | null = null;
    let received = 0;
    let failure: Error | null = null;
    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      void Promise.all(writes).then(() => {
        if (failure) {
          fs.rmSync(dir, { recursive: true, force: true });
          reject(failure);
        } else if (!admitted || files.length === 0) {
          reject(new ValidationError('no `file` part in the upload'));
        } else resolve({ files, admitted: admitted.value });
      });
    };
    let bb: busboy.Busboy;
    const stop = (error: Error) => {
      failure ??= error;
      req.unpipe(bb);
      for (const out of outs) out.destroy();
      req.res?.setHeader('Connection', 'close');
      settle();
    };
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
      if (failure) {
        stream.resume();
        return;
      }
      const filename = info.filename ?? 'upload';
      const ext = path.extname(filename).toLowerCase();
      if (field !== 'file' || !EXTENSIONS.has(ext)) {
        stream.resume();
        stop(
          new UnsupportedMediaTypeError(
            `${info.filename || field}: send CSV, TXT, XLSX or JSON Lines files in \`file\` parts`,
          ),
        );
        return;
      }
      try {
        admitted ??= { value: admit(fields) };
      } catch (error) {
        stream.resume();
        stop(error instanceof Error ? error : new ValidationError(String(error)));
        return;
      }
      try {
        fs.mkdirSync(dir, { recursive: true });
      } catch (error) {
        // Thrown here, inside busboy's parsing of the request stream, it would end the process.
        stream.resume();
        stop(error as Error);
        return;
      }
      const target = path.join(dir, safeName(filename, files.length + 1));
      files.push({ path: target, name: path.basename(filename) });
      const out = fs.createWriteStream(target, { flags: 'wx' });
      outs.push(out);
      // A body that ends inside a file part fails the part's stream: an unheard 'error' event would
      // end the process, so it settles this upload instead.
      stream.on('error', () => stop(new ValidationError(`${filename}: the upload ended inside this file`)));
      stream.on('limit', () =>
        stop(new PayloadTooLargeError(`${filename}: a file may have at most ${MAX_UPLOAD_BYTES / 2 ** 20} MB`)),
      );
      stream.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > MAX_UPLOAD_TOTAL)
          stop(new PayloadTooLargeError(`an upload may have at most ${MAX_UPLOAD_TOTAL / 2 ** 20} MB in all`));
      });
      writes.push(
        new Promise<void>((done) => {
          out.on('close', () => done());
          out.on('error', (error) => {
            // pipe() has paused the part stream for this file: without a resume busboy stops reading
            // the request, and the upload waits for the server's request timeout (5 minutes).
            stream.resume();
            stop(error);
            done();
          });
        }),
      );
      stream.pipe(out);
    });
    bb.on('field', (name, value) => {
      if (admitted) stop(new ValidationError('send the `region`, `dept` and `spec` fields before the file parts'));
      else fields[name] = value;
    });
    bb.on('filesLimit', () => stop(new PayloadTooLargeError(`at most ${MAX_FILES} files per upload`)));
    bb.on('error', () => stop(new ValidationError('malformed multipart/form-data request')));
    bb.on('close', settle);
    req.on('close', () => {
      if (!req.complete) stop(new ValidationError('the upload was interrupted before it ended'));
    });
    req.pipe(bb);
  });
}

/** An upload's fields, judged at its first file part: the spec must exist, the region lie in scope. */
function admitUpload(
  fields: Record<string, string>,
  user: { regions: string[] },
  scope: { codes: readonly string[] },
  specs: { name: string }[],
): { region: string; dept: string | null; spec: string | null } {
  const parsed = z
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
    .safeParse(fields);
  if (!parsed.success)
    throw new ValidationError(`invalid upload field: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const { region: asked, dept, spec } = parsed.data;
  if (spec && !specs.some((s) => s.name === spec)) throw new ValidationError(`unknown import spec ${spec}`);
  // Exports are loaded as reported by a region of the uploader's own scope.
  const region = asked ?? (user.regions.length === 1 ? user.regions[0] : undefined);
  const today = region ? currentRegion(region)?.code : undefined;
  if (!region || !today || !scope.codes.includes(today)) {
    throw new ForbiddenError(
      region
        ? `region ${region} is not in your scope`
        : 'name the reporting `region` before the file parts (your scope has several)',
    );
  }
  return { region: today, dept: dept ?? null, spec: spec ?? null };
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
      // The job and what it loads: the form's fields and files are read by the handler, not the route.
      audit: {
        action: 'ingest.upload',
        target: () => null,
        result: (job) => ({
          target: job.id,
          detail: { region: job.region, dept: job.dept, spec: job.spec, files: job.files.map((f) => f.name) },
        }),
      },
      async handler({ req, user, scope, deps }) {
        const id = jobs.newId();
        const specs = loadSpecs(path.join(deps.config.paths.dataDir, 'specs'));
        const dir = path.join(deps.config.paths.dataDir, 'uploads', id);
        const upload = await receive(req, dir, (fields) => admitUpload(fields, user, scope, specs));
        const job = await jobs.start(id, user.username, { dir, files: upload.files }, upload.admitted, {
          db: deps.db,
          config: deps.config,
          secrets: deps.secrets,
          specs,
        });
        return job;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/ingest/jobs',
      summary: 'Upload jobs, newest first: your own (an admin’s: everyone’s), kept 30 days',
      tag: 'ingest',
      allow: LOADERS,
      query: z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
      response: z.object({ items: z.array(UploadJobSchema) }),
      async handler({ query, user }) {
        return { items: await jobs.list(user, query.limit) };
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
      summary:
        'The rejected rows of a batch as CSV (file, line, field, reason in Chinese and English, value and original row with long digit runs starred)',
      tag: 'ingest',
      allow: LOADERS,
      params: z.object({ id: BatchIdSchema }),
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
          // A read that fails mid-way cuts the download short (the client sees it unfinished), never the process.
          pipeline(Readable.from(shownRejects(file)), res, () => undefined);
        });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/batches/:id/rows',
      summary:
        'Original rows of a loaded source file by line number (the lines an entity’s provenance cites): the header and each row’s cells, personal identifiers masked',
      tag: 'ingest',
      allow: EXPLORERS,
      params: z.object({ id: BatchIdSchema }),
      query: z.strictObject({
        lines: z
          .string()
          .regex(
            new RegExp(`^[1-9]\\d{0,8}(,[1-9]\\d{0,8}){0,${MAX_SOURCE_LINES - 1}}$`),
            `lines: 1 to ${MAX_SOURCE_LINES} line numbers, comma-separated`,
          ),
      }),
      response: SourceRowsSchema,
      audit: { action: 'source.read', detail: ({ query }) => ({ lines: query.lines }) },
      async handler({ params, query, scope, deps }) {
        const [batch] = await deps.db.run(getBatch, { id: params.id });
        // A batch another region reported is as absent as one that does not exist.
        if (!batch || !batch.regionCode || !scope.codes.includes(batch.regionCode))
          throw new NotFoundError(`batch ${params.id} not found`);
        const lines = [...new Set(query.lines.split(',').map(Number))];
        const specs = loadSpecs(path.join(deps.config.paths.dataDir, 'specs'));
        const rows = await readSourceRows(deps.config.paths.dataDir, batch, lines, specs);
        return { batch: { id: batch.id, file: batch.file, regionCode: batch.regionCode }, ...rows };
      },
    }),
  ];
}
