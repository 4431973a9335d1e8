/**
 * The one place the dashboard touches ECharts: only the charts and components it draws are
 * registered (the rest stays out of the bundle), plus the look every chart shares.
 */
import type { T } from '../../core/i18n/index.ts';
import type { Metric } from './RegionMap.tsx';
import { metricValue } from './words.ts';
import {
  BarChart,
  LinesChart,
  PieChart,
  ScatterChart,
  type BarSeriesOption,
  type LinesSeriesOption,
  type PieSeriesOption,
  type ScatterSeriesOption,
} from 'echarts/charts';
import {
  DataZoomInsideComponent,
  GridComponent,
  LegendComponent,
  ToolboxComponent,
  TooltipComponent,
  type DataZoomComponentOption,
  type GridComponentOption,
  type LegendComponentOption,
  type ToolboxComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { LabelLayout } from 'echarts/features';
import type { ComposeOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  LinesChart,
  PieChart,
  ScatterChart,
  DataZoomInsideComponent,
  GridComponent,
  LegendComponent,
  ToolboxComponent,
  TooltipComponent,
  CanvasRenderer,
  LabelLayout,
]);

export { echarts };
export type { ECElementEvent as ChartEvent } from 'echarts/core';
/** The options of the charts registered here, typed. */
export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LinesSeriesOption
  | PieSeriesOption
  | ScatterSeriesOption
  | DataZoomComponentOption
  | GridComponentOption
  | LegendComponentOption
  | ToolboxComponentOption
  | TooltipComponentOption
>;

/** The app's font (CJK first) and palette, so charts read like the rest of the page. */
export const FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', system-ui, sans-serif";
export const COLORS = {
  ink: '#1f2933',
  muted: '#6b7785',
  line: '#dde2e8',
  cases: '#b03a2e',
  parcels: '#2f6fb0',
  payments: '#c7851a',
};
/** One colour per goods category, in CATEGORY_IDS order ('other' first, grey). */
export const CATEGORY_COLORS = [
  '#9aa5b1',
  '#b03a2e',
  '#7a4f2a',
  '#c2185b',
  '#5e35b1',
  '#2e7d32',
  '#455a64',
  '#1565c0',
  '#00838f',
  '#ef6c00',
];

export const BASE = {
  textStyle: { fontFamily: FONT, color: COLORS.ink },
  animationDuration: 300,
  tooltip: { confine: true },
};

/**
 * Horizontal bars ranked largest first (drawn at the top), each labelled with its value in the
 * metric's words. A datum may carry more fields (e.g. a region code for useDatumClick).
 */
export function rankedBars(
  lang: T['lang'],
  metric: Metric,
  color: string,
  bars: { name: string; datum: number | { value: number; [field: string]: unknown } }[],
  clickable = false,
): ChartOption {
  const shown = [...bars].reverse();
  return {
    grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', show: false },
    yAxis: { type: 'category', data: shown.map((b) => b.name), axisTick: { show: false } },
    tooltip: { trigger: 'item' },
    series: [
      {
        type: 'bar',
        ...(clickable ? { cursor: 'pointer' } : {}),
        itemStyle: { color, borderRadius: [0, 3, 3, 0] },
        barMaxWidth: 18,
        label: {
          show: true,
          position: 'right',
          formatter: (p) => metricValue(lang, metric, Number((p as { value: number }).value)),
        },
        data: shown.map((b) => b.datum),
      },
    ],
  };
}
