/** Regions ranked by cases or amount, as horizontal bars; clicking a bar focuses on that region. */
import { useMemo } from 'react';
import type { Hotspots } from '../../core/api/endpoints.ts';
import { useT } from '../../core/i18n/index.ts';
import { DataTable } from './DataTable.tsx';
import { EChart, useDatumClick } from './EChart.tsx';
import { COLORS, rankedBars } from './echarts.ts';
import type { Metric } from './RegionMap.tsx';

const SHOWN = 15;

export function RegionRanking({
  data,
  metric,
  onRegion,
}: {
  data: Hotspots;
  metric: Metric;
  onRegion: (code: string) => void;
}) {
  const t = useT();
  const option = useMemo(() => {
    const top = [...data.byRegion].sort((a, b) => b[metric] - a[metric]).slice(0, SHOWN);
    const bars = top.map((r) => ({ name: r.name, datum: { value: r[metric], code: r.region } }));
    return rankedBars(t.lang, metric, COLORS.cases, bars, true);
  }, [data, metric, t]);
  const onClick = useDatumClick('code', onRegion);
  const height = Math.max(160, Math.min(SHOWN, data.byRegion.length) * 26 + 24);
  return (
    <section className="chart-card" data-testid="region-ranking">
      <h3>{t('hotspots.byRegion')}</h3>
      <EChart option={option} label={t('hotspots.byRegion')} height={height} onClick={onClick} />
      <DataTable
        testId="region-data"
        columns={[t('hotspots.col.region'), t('hotspots.col.cases'), t('hotspots.col.amount')]}
        rows={data.byRegion.map((r) => ({ key: r.region, cells: [r.name, r.cases, r.amount] }))}
      />
    </section>
  );
}
