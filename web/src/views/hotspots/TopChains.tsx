/**
 * The flagged chains of the current detection run, best score first, as aggregates (regions, brands,
 * stages, size, cases). Roles that explore the graph open a chain on the workbench; leaders see the
 * aggregates only, with nothing to click through to.
 */
import type { Hotspots } from '../../core/api/endpoints.ts';
import { useT } from '../../core/i18n/index.ts';

export function TopChains({ data, canOpen }: { data: Hotspots; canOpen: boolean }) {
  const t = useT();
  return (
    <section className="chart-card wide" data-testid="top-chains">
      <h3>{t('hotspots.topChains')}</h3>
      {!canOpen && <p className="muted hint">{t('hotspots.chains.aggregates')}</p>}
      {data.topChains.length === 0 ? (
        <p className="muted">{t('hotspots.chains.none')}</p>
      ) : (
        <table className="list chains-table">
          <thead>
            <tr>
              <th>{t('hotspots.chain.column')}</th>
              <th>{t('chains.score')}</th>
              <th>{t('chains.regions')}</th>
              <th>{t('hotspots.col.brand')}</th>
              <th>{t('chains.stages')}</th>
              <th className="num">{t('chains.size')}</th>
              <th className="num">{t('chains.cases')}</th>
            </tr>
          </thead>
          <tbody>
            {data.topChains.map((c) => (
              <tr key={c.id} data-testid="hotspot-chain-row" data-id={c.id}>
                <td>
                  {canOpen ? (
                    <a
                      href={`#/workbench?chain=${encodeURIComponent(c.id)}`}
                      data-testid="hotspot-chain"
                      title={t('hotspots.chain.open')}
                    >
                      {t('hotspots.chain.label', { number: c.number })}
                    </a>
                  ) : (
                    t('hotspots.chain.label', { number: c.number })
                  )}
                </td>
                <td>
                  <meter min={0} max={1} value={c.score} /> {c.score.toFixed(2)}
                </td>
                <td>{c.regions.map((r) => t.region(r)).join('、')}</td>
                <td>{c.brands.join('、') || '—'}</td>
                <td>{c.stages.map((s) => t.stage(s)).join(' → ')}</td>
                <td className="num">{c.size}</td>
                <td className="num">{c.caseCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
