/**
 * Loading exports (analysts and admins): pick a district's export files (CSV, TXT, XLSX, JSON Lines),
 * name the reporting region of your scope and the department, and upload; the load runs as a job on
 * the server, and each file's report comes back as it finishes — which import spec read it, rows
 * accepted, rejected (with the reasons, and the rejected rows as a CSV download) and duplicate.
 * Earlier uploads (the last 30 days, kept on the server) are listed below, newest first.
 */
import { useEffect, useState } from 'react';
import { regionByCode } from '../../../server/domain/regions.ts';
import { REASONS, isReasonCode } from '../../../server/ingest/reasons.ts';
import { rejectsUrl, uploadExports, uploadJob, uploadJobs, type UploadJobView } from '../core/api/imports.ts';
import { useT } from '../core/i18n/index.ts';
import { sessionStore } from '../core/session/store.ts';
import { useStore } from '../core/store.ts';

const ACCEPT = '.csv,.txt,.xlsx,.jsonl,.ndjson';

export function ImportsPage() {
  const t = useT();
  const scope = useStore(sessionStore, (s) => (s.status === 'signed-in' ? s.scope : []));
  const me = useStore(sessionStore, (s) => (s.status === 'signed-in' ? s.user.username : ''));
  // The session's scope as the server admits uploads by it: the account's regions and every region
  // under them (a city analyst reports for a district), today's only — a retired code is no choice.
  const regions = scope.filter((code) => regionByCode(code)?.retired === false);
  const [files, setFiles] = useState<File[]>([]);
  const [region, setRegion] = useState('');
  const [dept, setDept] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [jobs, setJobs] = useState<UploadJobView[]>([]);
  // A new file input after each upload, so the one just sent is no longer shown as chosen.
  const [picker, setPicker] = useState(0);
  const chosen = region || (regions.length === 1 ? (regions[0] ?? '') : '');

  // Earlier uploads from the server; one started meanwhile stays first.
  useEffect(() => {
    let live = true;
    uploadJobs().then(
      (earlier) => live && setJobs((list) => [...list, ...earlier.filter((job) => !list.some((j) => j.id === job.id))]),
      (err: unknown) => live && setError(t.error(err)),
    );
    return () => {
      live = false;
    };
  }, []);

  const running = jobs.filter((j) => j.status === 'running').map((j) => j.id);
  useEffect(() => {
    if (running.length === 0) return;
    const timer = setInterval(() => {
      for (const id of running)
        void uploadJob(id)
          .then((job) => setJobs((list) => list.map((j) => (j.id === job.id ? job : j))))
          .catch(() => undefined);
    }, 1000);
    return () => clearInterval(timer);
  }, [running.join(',')]);

  const submit = async () => {
    setError(null);
    setSending(true);
    try {
      const job = await uploadExports(files, { region: chosen, dept });
      setJobs((list) => [job, ...list]);
      setFiles([]);
      setPicker((n) => n + 1);
    } catch (err) {
      setError(t.error(err));
    } finally {
      setSending(false);
    }
  };

  return (
    <main className="page" data-testid="imports-page">
      <h2>{t('imports.title')}</h2>
      <p className="muted">{t('imports.intro')}</p>
      <form
        className="import-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label>
          {t('imports.files')}
          <input
            key={picker}
            type="file"
            name="files"
            multiple
            accept={ACCEPT}
            onChange={(e) => setFiles([...(e.target.files ?? [])])}
            data-testid="import-files"
          />
        </label>
        <label>
          {t('imports.region')}
          <select name="region" value={chosen} onChange={(e) => setRegion(e.target.value)} required>
            <option value="">{t('imports.chooseRegion')}</option>
            {regions.map((code) => (
              <option key={code} value={code}>
                {t.region(code)}（{code}）
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('imports.dept')}
          <input name="dept" value={dept} maxLength={100} onChange={(e) => setDept(e.target.value)} />
        </label>
        <button type="submit" disabled={sending || files.length === 0 || !chosen} data-testid="import-submit">
          {sending ? t('imports.sending') : t('imports.submit', { n: files.length })}
        </button>
        {error && (
          <p className="error" data-testid="import-error">
            {error}
          </p>
        )}
      </form>
      {jobs.map((job) => (
        <section key={job.id} className="import-job" data-testid="import-job">
          <h3>
            {t(`imports.status.${job.status}`)}{' '}
            <span className="muted">
              {new Date(job.startedAt).toLocaleString(t.lang === 'zh' ? 'zh-CN' : 'en-GB', { hour12: false })}
              {job.region && ` · ${t.region(job.region)}`}
              {job.dept && ` · ${job.dept}`}
              {job.owner !== me && ` · ${job.owner}`}
            </span>
          </h3>
          {job.error && <p className="error">{job.error}</p>}
          <table className="import-files">
            <thead>
              <tr>
                <th>{t('imports.file')}</th>
                <th>{t('imports.spec')}</th>
                <th>{t('imports.accepted')}</th>
                <th>{t('imports.rejected')}</th>
                <th>{t('imports.duplicate')}</th>
                <th>{t('imports.reasons')}</th>
              </tr>
            </thead>
            <tbody>
              {job.files.map((f) => (
                <tr key={f.name} data-testid="import-file">
                  <td>{f.name}</td>
                  {f.report ? (
                    <>
                      <td>
                        {f.report.status === 'failed'
                          ? t('imports.failed', { error: f.report.error ?? '' })
                          : f.report.status === 'already-loaded'
                            ? t('imports.alreadyLoaded')
                            : (f.specTitle?.[t.lang] ?? f.report.spec ?? '')}
                      </td>
                      <td>{f.report.accepted}</td>
                      <td>
                        {f.report.rejected}
                        {f.report.rejected > 0 && f.report.batchId && (
                          <>
                            {' '}
                            <a href={rejectsUrl(f.report.batchId)} download data-testid="import-rejects">
                              {t('imports.download')}
                            </a>
                          </>
                        )}
                      </td>
                      <td>{f.report.duplicate}</td>
                      <td>
                        {Object.entries(f.report.reasons)
                          .map(([code, n]) => `${isReasonCode(code) ? REASONS[code][t.lang] : code} ${n}`)
                          .join('；')}
                      </td>
                    </>
                  ) : (
                    <td colSpan={5} className="muted">
                      {t('imports.progress', {
                        rows: f.rows,
                        of: f.expectedRows === null ? '' : ` / ${f.expectedRows}`,
                      })}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </main>
  );
}
