/** A detected chain beside the canvas: stages in order, likely manufacturers, score breakdown, evidence. */
import * as api from '../core/api/endpoints.ts';
import { useT } from '../core/i18n/index.ts';
import { select } from '../core/view/store.ts';
import { useLoad } from '../app/useLoad.ts';
import { PacketExport } from './PacketExport.tsx';

export function ChainPanel({ id }: { id: string }) {
  const t = useT();
  const { data, error, loading } = useLoad(() => api.community(id), [id]);
  if (loading) return <p className="muted">{t('common.loading')}</p>;
  if (error || !data) return <p className="error">{t.error(error)}</p>;
  return (
    <div className="chain" data-testid="chain-panel">
      <h3>
        {t('chains.title')} #{data.number}{' '}
        <span className={data.flagged ? 'badge red' : 'badge'}>{data.score.toFixed(2)}</span>
      </h3>
      <div className="actions">
        <PacketExport subject={{ community: id }} />
      </div>
      <p className="muted">
        {t('chains.run', { id: data.run.id })} · {data.regions.map((c) => t.region(c)).join('、')}
      </p>
      <ol className="stages">
        {data.chain.map((stage) => (
          <li key={stage.stage}>
            <b>{t.lang === 'zh' ? stage.zh : stage.en}</b>
            <ul>
              {stage.members.map((m) => (
                <li key={m.key}>
                  <button className="link" onClick={() => select(m.key)}>
                    {m.name ?? m.key}
                  </button>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      {data.manufacturers.length > 0 && (
        <>
          <h4>{t('chains.manufacturer')}</h4>
          <ol data-testid="chain-manufacturers">
            {data.manufacturers.map((m) => (
              <li key={m.key}>
                <b>{m.name ?? m.key}</b>{' '}
                <span className="muted">
                  {m.score.toFixed(2)} · {m.reasons.join('；')}
                </span>
              </li>
            ))}
          </ol>
        </>
      )}
      <h4>{t('chains.breakdown')}</h4>
      <table className="props">
        <tbody>
          {data.breakdown.map((b) => (
            <tr key={b.factor}>
              <th>{t.factor(b.factor)}</th>
              <td>
                <meter min={0} max={1} value={b.value} /> {(b.value * b.weight).toFixed(2)}{' '}
                <span className="muted">{b.detail}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>{t('chains.evidence')}</h4>
      <ul className="evidence">
        {data.evidence.slice(0, 60).map((e, i) => (
          <li key={i}>
            {e.note}{' '}
            <span className="muted">
              {e.records
                .slice(0, 3)
                .flatMap((r) => r.src)
                .join(' ')}
            </span>
          </li>
        ))}
      </ul>
      {(data.outsideScope.members > 0 || data.outsideScope.evidence > 0) && (
        <p className="muted">{t('chains.outsideScope', data.outsideScope)}</p>
      )}
    </div>
  );
}
