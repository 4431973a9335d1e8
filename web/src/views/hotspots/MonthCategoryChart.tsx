/** Cases or amount per month of the window, stacked by goods category; clicking a block narrows to its category. */
import { useMemo } from 'react';
import type { Hotspots } from '../../core/api/endpoints.ts';
import { useT } from '../../core/i18n/index.ts';
import { categoryColor } from './CategoryChart.tsx';
import { DataTable } from './DataTable.tsx';
import { EChart, useDatumClick } from './EChart.tsx';
import type { ChartOption } from './echarts.ts';
import type { Metric } from './RegionMap.tsx';
import { categoryName, metricValue, monthName } from './words.ts';

/** Month × category sums over the regions, in window order. */
function byMonth(data: Hotspots) {
  const out = new Map<string, { month: string; category: string; cases: number; amount: number }>();
  for (const c of data.cells) {
    const key = `${c.month}|${c.category}`;
    const cell = out.get(key) ?? { month: c.month, category: c.category, cases: 0, amount: 0 };
    cell.cases += c.cases;
    cell.amount = Math.round((cell.amount + c.amount) * 100) / 100;
    out.set(key, cell);
  }
  return out;
}

export function MonthCategoryChart({
  data,
  metric,
  onCategory,
}: {
  data: Hotspots;
  metric: Metric;
  onCategory: (id: string) => void;
}) {
  const t = useT();
  const sums = useMemo(() => byMonth(data), [data]);
  const option = useMemo((): ChartOption => {
    const months = data.window.months;
    return {
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      legend: { type: 'plain', top: 0, left: 0, itemWidth: 12, itemHeight: 10 },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v) => metricValue(t.lang, metric, Number(v)),
      },
      xAxis: {
        type: 'category',
        data: months.map((m) => monthName(t.lang, m)),
        axisLabel: { hideOverlap: true },
      },
      yAxis: {
        type: 'value',
        minInterval: metric === 'cases' ? 1 : 0,
        axisLabel: { formatter: (v: number) => metricValue(t.lang, metric, v) },
      },
      series: data.byCategory.map((c) => ({
        type: 'bar' as const,
        name: categoryName(t.lang, c.category),
        stack: 'total',
        cursor: 'pointer',
        barMaxWidth: 36,
        itemStyle: { color: categoryColor(c.category) },
        data: months.map((m) => ({ value: sums.get(`${m}|${c.category}`)?.[metric] ?? 0, category: c.category })),
      })),
    };
  }, [data, metric, sums, t]);
  const onClick = useDatumClick('category', onCategory);
  return (
    <section className="chart-card wide" data-testid="month-chart">
      <h3>{t('hotspots.byMonth')}</h3>
      <EChart option={option} label={t('hotspots.byMonth')} height={300} onClick={onClick} />
      <DataTable
        testId="month-data"
        columns={[
          t('hotspots.col.month'),
          t('hotspots.col.category'),
          t('hotspots.col.cases'),
          t('hotspots.col.amount'),
        ]}
        rows={[...sums.values()].map((c) => ({
          key: `${c.month}|${c.category}`,
          cells: [monthName(t.lang, c.month), categoryName(t.lang, c.category), c.cases, c.amount],
        }))}
      />
    </section>
  );
}
