/** Cases or amount by goods category, as a ring; clicking a slice narrows the dashboard to that category. */
import { useMemo } from 'react';
import { CATEGORY_IDS } from '../../../../server/hotspots/category.ts';
import type { Hotspots } from '../../core/api/endpoints.ts';
import { useT } from '../../core/i18n/index.ts';
import { DataTable } from './DataTable.tsx';
import { EChart, useDatumClick } from './EChart.tsx';
import { CATEGORY_COLORS, type ChartOption } from './echarts.ts';
import type { Metric } from './RegionMap.tsx';
import { categoryName, metricValue } from './words.ts';

export const categoryColor = (id: string) =>
  CATEGORY_COLORS[(CATEGORY_IDS as readonly string[]).indexOf(id)] ?? CATEGORY_COLORS[0];

export function CategoryChart({
  data,
  metric,
  onCategory,
}: {
  data: Hotspots;
  metric: Metric;
  onCategory: (id: string) => void;
}) {
  const t = useT();
  const option = useMemo(
    (): ChartOption => ({
      tooltip: {
        trigger: 'item',
        formatter: (p) => {
          const { name, value, percent } = p as { name: string; value: number; percent: number };
          const shown = metricValue(t.lang, metric, value);
          return t.lang === 'zh' ? `${name}：${shown}（${percent}%）` : `${name}: ${shown} (${percent}%)`;
        },
      },
      series: [
        {
          type: 'pie',
          radius: ['42%', '70%'],
          cursor: 'pointer',
          avoidLabelOverlap: true,
          label: { formatter: '{b}' },
          data: data.byCategory
            .filter((c) => c[metric] > 0)
            .map((c) => ({
              name: categoryName(t.lang, c.category),
              value: c[metric],
              category: c.category,
              itemStyle: { color: categoryColor(c.category) },
            })),
        },
      ],
    }),
    [data, metric, t],
  );
  const onClick = useDatumClick('category', onCategory);
  return (
    <section className="chart-card" data-testid="category-chart">
      <h3>{t('hotspots.byCategory')}</h3>
      <EChart option={option} label={t('hotspots.byCategory')} height={280} onClick={onClick} />
      <DataTable
        testId="category-data"
        columns={[t('hotspots.col.category'), t('hotspots.col.cases'), t('hotspots.col.amount')]}
        rows={data.byCategory.map((c) => ({
          key: c.category,
          cells: [categoryName(t.lang, c.category), c.cases, c.amount],
        }))}
      />
    </section>
  );
}
