/** Hotspots for leaders (aggregates only): totals, by region and category, spikes, flows, top chains. */
import * as api from '../core/api/endpoints.ts';
import { useT } from '../core/i18n/index.ts';
import { useLoad } from '../app/useLoad.ts';

export function HotspotsPage() {
  const t = useT();
  const { data, error, loading } = useLoad(() => api.hotspots(), []);
  if (loading) return <main className="page">{t('common.loading')}</main>;
  if (error || !data) return <main className="page error">{t.error(error)}</main>;
  const maxRegion = Math.max(1, ...data.byRegion.map((r) => r.cases));
  return (
    <main className="page hotspots" data-testid="hotspots-page">
      <h2>
        {t('hotspots.title')}{' '}
        <small className="muted">{t('hotspots.window', { from: data.window.from, to: data.window.to })}</small>
      </h2>
      <p className="totals">
        {t('hotspots.totals', {
          cases: data.totals.cases,
          amount: data.totals.amount.toLocaleString(),
          regions: data.totals.regions,
        })}
      </p>
      <div className="grid">
        <section>
          <h3>{t('hotspots.byRegion')}</h3>
          <ul className="bars">
            {data.byRegion.map((r) => (
              <li key={r.region}>
                <span className="bar-label">{r.name}</span>
                <span className="bar" style={{ width: `${(r.cases / maxRegion) * 100}%` }} />
                <span>{r.cases}</span>
              </li>
            ))}
          </ul>
        </section>
        <section>
          <h3>{t('hotspots.byCategory')}</h3>
          <table className="list">
            <tbody>
              {data.byCategory.map((c) => (
                <tr key={c.category}>
                  <td>{t.lang === 'zh' ? c.zh : c.en}</td>
                  <td>{c.cases}</td>
                  <td>¥{c.amount.toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section>
          <h3>{t('hotspots.spikes')}</h3>
          <table className="list">
            <tbody>
              {data.spikes.map((s) => (
                <tr key={`${s.region}-${s.category}-${s.month}`}>
                  <td>{s.name}</td>
                  <td>{s.category}</td>
                  <td>{s.month}</td>
                  <td>
                    {s.previous} → {s.cases} (×{s.ratio.toFixed(1)})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section>
          <h3>{t('hotspots.flows')}</h3>
          <table className="list">
            <tbody>
              {data.flows.slice(0, 15).map((f) => (
                <tr key={`${f.from}-${f.to}`}>
                  <td>
                    {f.fromName} → {f.toName}
                  </td>
                  <td>{f.shipments}</td>
                  <td>{f.pieces}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section>
          <h3>{t('hotspots.topChains')}</h3>
          <table className="list">
            <tbody>
              {data.topChains.map((c) => (
                <tr key={c.id}>
                  <td>{c.score.toFixed(2)}</td>
                  <td>{c.regions.map((r) => t.region(r)).join('、')}</td>
                  <td>{c.brands.join('、')}</td>
                  <td>{c.caseCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </main>
  );
}
