/**
 * Upstream trace from a party or a waybill: ranked candidate sources with score, depth and reasons;
 * each hop's parcels and payments with their source records; thin evidence marked. Choosing a
 * candidate draws its path on the canvas and dims the rest.
 */
import { useState } from 'react';
import * as api from '../core/api/endpoints.ts';
import type { Candidate } from '../core/graph/from-api.ts';
import { useT } from '../core/i18n/index.ts';
import { showTracePath } from '../app/actions.ts';
import { useLoad } from '../app/useLoad.ts';

const day = (s: string | null) => (s ? s.slice(0, 10) : '?');

export function TracePanel({ entityKey }: { entityKey: string }) {
  const t = useT();
  const [depth, setDepth] = useState(4);
  const [tolerance, setTolerance] = useState(7);
  const [params, setParams] = useState({ depth: 4, toleranceDays: 7 });
  const { data, error, loading } = useLoad(() => api.trace(entityKey, params), [entityKey, params]);
  const [open, setOpen] = useState<string | null>(null);

  return (
    <div className="trace" data-testid="trace-panel">
      <h3>{t('trace.title')}</h3>
      {data && <p>{t('trace.from', { name: data.start.name ?? data.start.key })}</p>}
      <form
        className="inline"
        onSubmit={(e) => {
          e.preventDefault();
          setParams({ depth, toleranceDays: tolerance });
        }}
      >
        <label>
          {t('trace.depth')}{' '}
          <input type="number" min={1} max={6} value={depth} onChange={(e) => setDepth(Number(e.target.value))} />
        </label>
        <label>
          {t('trace.tolerance')}{' '}
          <input
            type="number"
            min={0}
            max={365}
            value={tolerance}
            onChange={(e) => setTolerance(Number(e.target.value))}
          />
        </label>
        <button type="submit">{t('trace.run')}</button>
      </form>
      {loading && <p className="muted">{t('common.loading')}</p>}
      {error != null && <p className="error">{t.error(error)}</p>}
      {data && data.statement && <p className="statement">{data.statement}</p>}
      {data && data.candidates.length === 0 && <p className="muted">{t('trace.none')}</p>}
      {data && data.candidates.length > 0 && (
        <>
          <h4>{t('trace.candidates', { n: data.candidates.length })}</h4>
          <ol className="candidates">
            {data.candidates.map((c) => (
              <li key={c.key} data-testid="trace-candidate" data-key={c.key} className={c.thin ? 'thin' : ''}>
                <button
                  className="result"
                  onClick={() => {
                    setOpen(open === c.key ? null : c.key);
                    showTracePath(c);
                  }}
                >
                  <span className="name">
                    <span className="tag">{t.label(c.label)}</span> {c.name ?? c.key}
                  </span>
                  <span className="muted">
                    {t('trace.score', { score: c.score.toFixed(2) })} · {t('trace.hops', { n: c.depth })}
                    {c.thin && <span className="thin-mark"> · {t('trace.thin')}</span>}
                  </span>
                  {c.reasons.length > 0 && <span className="snippet">{c.reasons.join('；')}</span>}
                </button>
                {open === c.key && <Hops candidate={c} />}
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}

function Hops({ candidate }: { candidate: Candidate }) {
  const t = useT();
  return (
    <ol className="hops">
      {candidate.path.map((hop, i) => (
        <li key={i} className={hop.thin ? 'thin' : ''}>
          <div>
            <b>{hop.from.name ?? hop.from.key}</b> → <b>{hop.to.name ?? hop.to.key}</b>
            {hop.corroborated && <span className="ok"> · {t('trace.corroborated')}</span>}
          </div>
          {hop.link === 'OPERATES' && <div className="muted">{t('trace.operates')}</div>}
          {hop.shipments && (
            <div>
              {t('trace.shipments', {
                count: hop.shipments.count,
                pieces: hop.shipments.pieces,
                first: day(hop.shipments.first),
                last: day(hop.shipments.last),
              })}
              {hop.shipments.items.length > 0 && <span className="muted"> · {hop.shipments.items.join('、')}</span>}
            </div>
          )}
          {hop.payments && (
            <div>
              {t('trace.payments', {
                count: hop.payments.count,
                amount: hop.payments.amount.toLocaleString(),
                first: day(hop.payments.first),
                last: day(hop.payments.last),
              })}
            </div>
          )}
          {hop.thin && <div className="thin-mark">{hop.thin}</div>}
          <details>
            <summary>{t('trace.records')}</summary>
            <ul className="records">
              {hop.shipments?.records.map((r) => (
                <li key={r.key}>
                  {r.waybill ?? r.key} {day(r.at)} {r.item ?? ''} {r.pieces ?? ''}{' '}
                  <span className="muted">{r.src.join(' ')}</span>
                </li>
              ))}
              {hop.payments?.records.map((r) => (
                <li key={r.key}>
                  {r.key} {day(r.at)} ¥{r.amount ?? '?'} {r.memo ?? ''} <span className="muted">{r.src.join(' ')}</span>
                </li>
              ))}
            </ul>
          </details>
        </li>
      ))}
    </ol>
  );
}
