/** The brands the window's cases infringe, most cases (or the largest amount) first. */
import { useMemo } from 'react';
import type { Hotspots } from '../../core/api/endpoints.ts';
import { useT } from '../../core/i18n/index.ts';
import { DataTable } from './DataTable.tsx';
import { EChart } from './EChart.tsx';
import { COLORS, rankedBars } from './echarts.ts';
import type { Metric } from './RegionMap.tsx';

const SHOWN = 10;

export function BrandChart({ data, metric }: { data: Hotspots; metric: Metric }) {
  const t = useT();
  const top = useMemo(() => [...data.byBrand].sort((a, b) => b[metric] - a[metric]).slice(0, SHOWN), [data, metric]);
  const option = useMemo(
    () =>
      rankedBars(
        t.lang,
        metric,
        COLORS.parcels,
        top.map((b) => ({ name: b.brand, datum: b[metric] })),
      ),
    [top, metric, t],
  );
  return (
    <section className="chart-card" data-testid="brand-chart">
      <h3>{t('hotspots.topBrands')}</h3>
      {top.length === 0 ? (
        <p className="muted">{t('common.none')}</p>
      ) : (
        <EChart option={option} label={t('hotspots.topBrands')} height={Math.max(140, top.length * 26 + 24)} />
      )}
      <DataTable
        testId="brand-data"
        columns={[t('hotspots.col.brand'), t('hotspots.col.cases'), t('hotspots.col.amount')]}
        rows={data.byBrand.map((b) => ({ key: b.brand, cells: [b.brand, b.cases, b.amount] }))}
      />
    </section>
  );
}
