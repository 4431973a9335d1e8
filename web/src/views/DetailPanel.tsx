/**
 * One entity: masked properties, where it is and who reported it, provenance down to the source
 * rows, cases, relationship counts with expand-by-type, and unmask with a reason for investigators.
 */
import { useState } from 'react';
import { startsTrace } from '../../../server/domain/model.ts';
import * as api from '../core/api/endpoints.ts';
import { useT } from '../core/i18n/index.ts';
import { openPanel } from '../core/panel.ts';
import { sessionStore } from '../core/session/store.ts';
import { useStore } from '../core/store.ts';
import { expand, report } from '../app/actions.ts';
import { useLoad } from '../app/useLoad.ts';

const UNMASKABLE = ['Person', 'Phone', 'Account'];

export function DetailPanel({ entityKey }: { entityKey: string }) {
  const t = useT();
  const { data, error, loading } = useLoad(() => api.entity(entityKey), [entityKey]);
  const role = useStore(sessionStore, (s) => (s.status === 'signed-in' ? s.user.role : null));
  const [reason, setReason] = useState('');
  const [unmasked, setUnmasked] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);

  if (loading) return <p className="muted">{t('common.loading')}</p>;
  if (error || !data) return <p className="error">{t.error(error)}</p>;

  const canUnmask = (role === 'investigator' || role === 'admin') && UNMASKABLE.includes(data.label);
  const doUnmask = async () => {
    try {
      const result = await api.unmask(entityKey, reason);
      setUnmasked(result.value);
      setAsking(false);
    } catch (err) {
      report(err);
    }
  };

  return (
    <div className="detail" data-testid="detail-panel">
      <h3>
        <span className="tag">{t.label(data.label)}</span> {data.name}
      </h3>
      {Array.isArray(data.properties.sharedBy) && data.properties.sharedBy.length > 0 && (
        <p className="shared" data-testid="shared-badge">
          {t('detail.sharedBy', { regions: data.properties.sharedBy.map((c) => t.region(String(c))).join('、') })}
        </p>
      )}
      <div className="actions">
        <button onClick={() => void expand(entityKey)}>{t('detail.expand')}</button>
        {startsTrace(entityKey) && (
          <button onClick={() => openPanel({ kind: 'trace', key: entityKey })} data-testid="trace-button">
            {t('detail.trace')}
          </button>
        )}
        {canUnmask && !unmasked && (
          <button onClick={() => setAsking(true)} data-testid="unmask-button">
            {t('detail.unmask')}
          </button>
        )}
      </div>
      {asking && (
        <form
          className="unmask"
          onSubmit={(e) => {
            e.preventDefault();
            void doUnmask();
          }}
        >
          <label>
            {t('detail.unmaskReason')}
            <input value={reason} onChange={(e) => setReason(e.target.value)} minLength={4} required autoFocus />
          </label>
          <button type="submit">{t('common.confirm')}</button>
          <button type="button" className="link" onClick={() => setAsking(false)}>
            {t('common.cancel')}
          </button>
        </form>
      )}
      {unmasked && <p className="unmasked">{t('detail.unmasked', { value: unmasked })}</p>}
      {data.aliases.length > 0 && (
        <p>
          <b>{t('detail.aliases')}</b>：{data.aliases.join('、')}
        </p>
      )}
      <h4>{t('detail.properties')}</h4>
      <table className="props">
        <tbody>
          {Object.entries(data.properties).map(([name, value]) => (
            <tr key={name}>
              <th>{t.prop(name)}</th>
              <td>
                {typeof value === 'boolean'
                  ? value
                    ? '✓'
                    : '✗'
                  : Array.isArray(value)
                    ? value.join('、')
                    : String(value)}
              </td>
            </tr>
          ))}
          {data.regions.located.length > 0 && (
            <tr>
              <th>{t('detail.regions')}</th>
              <td>{data.regions.located.map((r) => r.name ?? r.code).join('、')}</td>
            </tr>
          )}
          {data.regions.reportedBy.length > 0 && (
            <tr>
              <th>{t('detail.reportedBy')}</th>
              <td>{data.regions.reportedBy.map((c) => t.region(c)).join('、')}</td>
            </tr>
          )}
        </tbody>
      </table>
      <h4>{t('detail.neighbours')}</h4>
      <ul className="counts">
        {data.neighbourCounts.map((c) => (
          <li key={`${c.type}-${c.direction}`}>
            <button className="link" onClick={() => void expand(entityKey, [c.type])}>
              {t.rel(c.type)} {c.direction === 'in' ? '←' : '→'} {c.count}
            </button>
          </li>
        ))}
      </ul>
      {data.cases.length > 0 && (
        <>
          <h4>{t('detail.cases', { n: data.caseCount })}</h4>
          <ul className="cases">
            {data.cases.map((c) => (
              <li key={c.key}>
                <b>{c.caseNo}</b> {c.title}{' '}
                <span className="muted">
                  {[c.type, c.status, c.openedAt?.slice(0, 10), c.role].filter(Boolean).join(' · ')}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      <h4>{t('detail.provenance')}</h4>
      <ul className="provenance" data-testid="provenance">
        {data.provenance.batches.map((b) => (
          <li key={b.id}>
            {b.file ?? b.id}{' '}
            <span className="muted">
              {[b.dept, b.regionCode ? t.region(b.regionCode) : null, b.loadedAt?.slice(0, 10)]
                .filter(Boolean)
                .join(' · ')}
            </span>
            {b.lines.length > 0 && (
              <span className="lines"> {t('detail.provenanceLines', { lines: b.lines.join('、') })}</span>
            )}
            {b.lines.length > 0 && <OriginalRows batchId={b.id} lines={b.lines} />}
          </li>
        ))}
        {data.provenance.otherSources > 0 && (
          <li className="muted">{t('detail.otherSources', { n: data.provenance.otherSources })}</li>
        )}
      </ul>
    </div>
  );
}

/** The source rows a batch's lines cite, as the export had them (identifiers masked), on request: each read is audited. */
function OriginalRows({ batchId, lines }: { batchId: string; lines: number[] }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <div className="original-rows">
      <button className="link" onClick={() => setOpen(!open)} data-testid="show-rows">
        {open ? t('detail.hideRows') : t('detail.showRows')}
      </button>
      {open && <RowsTable batchId={batchId} lines={lines} />}
    </div>
  );
}

function RowsTable({ batchId, lines }: { batchId: string; lines: number[] }) {
  const t = useT();
  const { data, error, loading } = useLoad(() => api.sourceRows(batchId, lines), [batchId, lines.join(',')]);
  if (loading) return <p className="muted">{t('common.loading')}</p>;
  if (error || !data) return <p className="error">{t.error(error)}</p>;
  return (
    <div data-testid="source-rows">
      {data.rows.map((row) => (
        <table key={row.line} className="props source-row">
          <caption>{t('detail.rowLine', { line: row.line })}</caption>
          <tbody>
            {row.error ? (
              <tr>
                <td className="error">{t('detail.rowError', { error: row.error })}</td>
              </tr>
            ) : (
              row.cells.map((cell, i) =>
                cell.trim() === '' ? null : (
                  <tr key={i}>
                    <th>{data.header[i] ?? `#${i + 1}`}</th>
                    <td>{cell}</td>
                  </tr>
                ),
              )
            )}
          </tbody>
        </table>
      ))}
      {data.missing.length > 0 && (
        <p className="muted">{t('detail.rowsMissing', { lines: data.missing.join('、') })}</p>
      )}
    </div>
  );
}
