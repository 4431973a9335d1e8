/** Regions ranked by cases or amount, as horizontal bars; clicking a bar focuses on that region. */
import { useMemo } from 'react';
import type { Hotspots } from '../../core/api/endpoints.ts';
import { useT } from '../../core/i18n/index.ts';
import { DataTable } from './DataTable.tsx';
import { EChart, useDatumClick } from './EChart.tsx';
import { COLORS, type ChartOption } from './echarts.ts';
import type { Metric } from './RegionMap.tsx';
import { metricValue } from './words.ts';

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
  const option = useMemo((): ChartOption => {
    const top = [...data.byRegion]
      .sort((a, b) => b[metric] - a[metric])
      .slice(0, SHOWN)
      .reverse();
    return {
      grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', show: false },
      yAxis: { type: 'category', data: top.map((r) => r.name), axisTick: { show: false } },
      tooltip: { trigger: 'item' },
      series: [
        {
          type: 'bar',
          cursor: 'pointer',
          itemStyle: { color: COLORS.cases, borderRadius: [0, 3, 3, 0] },
          barMaxWidth: 18,
          label: {
            show: true,
            position: 'right',
            formatter: (p) => {
              const v = Number((p as { value: number }).value);
              return metricValue(t.lang, metric, v);
            },
          },
          data: top.map((r) => ({ value: r[metric], code: r.region })),
        },
      ],
    };
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
