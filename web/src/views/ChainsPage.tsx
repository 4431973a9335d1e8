/** Detected chains of the current run, best first; open one on the canvas; start a new run with progress. */
import { useEffect, useRef, useState } from 'react';
import { coversProvince } from '../../../server/auth/scope.ts';
import * as api from '../core/api/endpoints.ts';
import { useT } from '../core/i18n/index.ts';
import { sessionStore } from '../core/session/store.ts';
import { useStore } from '../core/store.ts';
import { navigate } from '../app/route.ts';
import { useLoad } from '../app/useLoad.ts';
import { LoadedList } from './LoadedList.tsx';

export function ChainsPage() {
  const t = useT();
  const [flagged, setFlagged] = useState(true);
  const role = useStore(sessionStore, (s) => (s.status === 'signed-in' ? s.user.role : null));
  // A run replaces the current one for every region: admins and province-wide analysts start one.
  const provinceWide = useStore(sessionStore, (s) => s.status === 'signed-in' && coversProvince({ codes: s.scope }));
  const mayRun = role === 'admin' || (role === 'analyst' && provinceWide);
  const list = useLoad(() => api.communities('current', { flagged, limit: 100 }), [flagged]);
  const [job, setJob] = useState<api.JobView | null>(null);
  const [jobError, setJobError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);

  useEffect(() => () => void (timer.current && clearInterval(timer.current)), []);

  const start = async () => {
    setJobError(null);
    try {
      const started = await api.startRun({});
      setJob(started);
      timer.current = setInterval(() => {
        api.job(started.id).then(
          (next) => {
            setJob(next);
            if (next.status !== 'running') {
              if (timer.current) clearInterval(timer.current);
              list.reload();
            }
          },
          (err: unknown) => setJobError(t.error(err)),
        );
      }, 1000);
    } catch (err) {
      setJobError(t.error(err));
    }
  };

  return (
    <main className="page" data-testid="chains-page">
      <h2>{t('chains.title')}</h2>
      <div className="inline">
        <label className="check">
          <input type="checkbox" checked={flagged} onChange={(e) => setFlagged(e.target.checked)} />{' '}
          {t('chains.flaggedOnly')}
        </label>
        {mayRun && (!job || job.status !== 'running') && (
          <button onClick={() => void start()}>{t('chains.start')}</button>
        )}
        {role === 'analyst' && !mayRun && (
          <span className="muted" data-testid="run-province-only">
            {t('chains.provinceOnly')}
          </span>
        )}
        {job?.status === 'running' && (
          <>
            <progress max={100} value={job.progress.percent} />
            <span>
              {t('chains.progress', { phase: job.progress.phase, percent: Math.round(job.progress.percent) })}
            </span>
            <button onClick={() => void api.cancelJob(job.id).then(setJob)}>{t('chains.cancel')}</button>
          </>
        )}
        {job?.status === 'complete' && <span className="ok">{t('chains.done', { id: job.runId ?? '' })}</span>}
        {job?.status === 'failed' && <span className="error">{t('chains.failed', { error: job.error ?? '' })}</span>}
        {jobError && <span className="error">{jobError}</span>}
      </div>
      <LoadedList
        load={list}
        empty={t('chains.noRun')}
        head={
          <tr>
            <th>#</th>
            <th>{t('chains.score')}</th>
            <th>{t('chains.manufacturer')}</th>
            <th>{t('chains.stages')}</th>
            <th>{t('chains.regions')}</th>
            <th>{t('chains.size')}</th>
            <th>{t('chains.cases')}</th>
            <th />
          </tr>
        }
        row={(c) => (
          <tr key={c.id} data-testid="chain-row">
            <td>{c.number}</td>
            <td>
              <span className={c.flagged ? 'badge red' : 'badge'}>{c.score.toFixed(2)}</span>
            </td>
            <td>{c.manufacturerName ?? '—'}</td>
            <td>{c.stages.map((s) => t.stage(s)).join(' → ')}</td>
            <td>{c.regions.map((r) => t.region(r)).join('、')}</td>
            <td>{c.visibleMembers}</td>
            <td>{c.caseCount}</td>
            <td>
              <button onClick={() => navigate('workbench', null, { chain: c.id })} data-testid="open-chain">
                {t('chains.open')}
              </button>
            </td>
          </tr>
        )}
      />
    </main>
  );
}
