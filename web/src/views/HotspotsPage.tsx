/**
 * The hotspot dashboard (leaders land here; aggregates only): where counterfeiting concentrates, in
 * what goods, through which chains, and whether it is rising. Filters live in the URL; clicking a
 * region or category narrows to it, clicking a chain opens it on the workbench for roles that may.
 */
import { useCallback, useMemo, useState } from 'react';
import { EXPLORERS } from '../../../server/auth/roles.ts';
import * as api from '../core/api/endpoints.ts';
import { useT } from '../core/i18n/index.ts';
import { sessionStore } from '../core/session/store.ts';
import { useStore } from '../core/store.ts';
import { navigate, useRoute } from '../app/route.ts';
import { useLoad } from '../app/useLoad.ts';
import { BrandChart } from './hotspots/BrandChart.tsx';
import { CategoryChart } from './hotspots/CategoryChart.tsx';
import { filterParams, readFilters, type Filters as FilterValues } from './hotspots/urlFilters.ts';
import { Filters } from './hotspots/Filters.tsx';
import { MonthCategoryChart } from './hotspots/MonthCategoryChart.tsx';
import { RegionMap, type Metric } from './hotspots/RegionMap.tsx';
import { RegionRanking } from './hotspots/RegionRanking.tsx';
import { Spikes } from './hotspots/Spikes.tsx';
import { TopChains } from './hotspots/TopChains.tsx';
import { exactMoney, money, monthName } from './hotspots/words.ts';

export function HotspotsPage() {
  const t = useT();
  const route = useRoute();
  const user = useStore(sessionStore, (s) => (s.status === 'signed-in' ? s.user : null));
  const query = route.params.toString();
  const filters = useMemo(() => readFilters(new URLSearchParams(query)), [query]);
  const { data, error, loading } = useLoad(() => api.hotspots(filters), [filters]);
  const [metric, setMetric] = useState<Metric>('cases');

  const apply = useCallback((next: FilterValues) => navigate('hotspots', null, filterParams(next)), []);
  // Clicking what is already the focus lets go of it.
  const onRegion = useCallback(
    (code: string) => apply({ ...filters, region: filters.region === code ? undefined : code }),
    [filters, apply],
  );
  const onCategory = useCallback(
    (id: string) => apply({ ...filters, category: filters.category === id ? undefined : id }),
    [filters, apply],
  );

  return (
    <main className="page hotspot-page" data-testid="hotspots-page">
      <div className="hotspot-head">
        <h2>
          {t('hotspots.title')}{' '}
          {data && (
            <small className="muted">
              {t('hotspots.window', {
                from: monthName(t.lang, data.window.from),
                to: monthName(t.lang, data.window.to),
              })}
            </small>
          )}
        </h2>
        {data && (
          <span className="muted">
            {loading
              ? t('common.loading')
              : t('hotspots.updated', {
                  at: new Date(data.computedAt).toLocaleString(t.lang === 'zh' ? 'zh-CN' : 'en'),
                })}
          </span>
        )}
      </div>
      <Filters
        filters={filters}
        window={data?.window ?? null}
        scope={user?.regions ?? []}
        metric={metric}
        onChange={apply}
        onMetric={setMetric}
      />
      {error != null && <p className="error">{t.error(error)}</p>}
      {!data && loading && <p className="muted">{t('common.loading')}</p>}
      {data && (
        <>
          <p className="totals" data-testid="hotspots-totals">
            {t('hotspots.totals', {
              cases: data.totals.cases,
              amount: exactMoney(data.totals.amount).slice(1),
              regions: data.totals.regions,
            })}
          </p>
          <p className="muted" data-testid="flow-totals">
            {t('hotspots.flowTotals', {
              shipments: data.flowTotals.shipments,
              payments: data.flowTotals.payments,
              amount: money(t.lang, data.flowTotals.amount),
            })}
          </p>
          {data.totals.cases === 0 && <p className="muted">{t('hotspots.empty')}</p>}
          <Spikes data={data} />
          <div className="hotspot-board">
            <RegionMap data={data} metric={metric} onRegion={onRegion} />
            <RegionRanking data={data} metric={metric} onRegion={onRegion} />
            <MonthCategoryChart data={data} metric={metric} onCategory={onCategory} />
            <CategoryChart data={data} metric={metric} onCategory={onCategory} />
            <TopChains data={data} canOpen={user !== null && EXPLORERS.includes(user.role)} />
            <BrandChart data={data} metric={metric} />
          </div>
        </>
      )}
    </main>
  );
}
