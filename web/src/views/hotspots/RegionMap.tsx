/**
 * The region view: every region of the Region table at its government seat (lon/lat, no map tiles),
 * a bubble per region sized by its cases or amount, and weighted arcs for cross-region parcel and
 * payment flows. Drawn on two hidden value axes whose ranges keep the true shape (geo.ts); bubbles
 * that would hide each other (Nanchang's urban districts) are moved apart just enough; wheel to zoom,
 * drag to pan. Clicking a bubble asks to focus on that region.
 */
import { useMemo, useState } from 'react';
import { REGIONS, regionByCode } from '../../../../server/domain/regions.ts';
import type { Hotspots } from '../../core/api/endpoints.ts';
import { useT, type T } from '../../core/i18n/index.ts';
import { DataTable } from './DataTable.tsx';
import { EChart, useDatumClick } from './EChart.tsx';
import { COLORS, type ChartOption } from './echarts.ts';
import { fitBounds, MAP_GRID, spreadDiscs } from './geo.ts';
import { money } from './words.ts';

export type Metric = 'cases' | 'amount';

// Districts and counties are always drawn, for orientation; a city only when something is filed under
// its own code (its seat is one of its districts': 南昌市 sits on 红谷滩区).
const BASE_REGIONS = REGIONS.filter((r) => !r.retired && r.level !== 'province' && r.level !== 'city');

/** A white outline keeps a name legible where arrows cross it. */
const HALO = { textBorderColor: '#fff', textBorderWidth: 3 };

const at = (code: string): [number, number] | null => {
  const r = regionByCode(code);
  return r ? [r.lon, r.lat] : null;
};

function width(value: number, max: number): number {
  return 1 + 4 * (max > 0 ? value / max : 0);
}

const bubbleSize = (value: number, max: number) => 10 + 42 * Math.sqrt(max > 0 ? value / max : 0);

export function regionMapOption(data: Hotspots, metric: Metric, size: { width: number; height: number }, t: T) {
  const values = data.byRegion.filter((r) => at(r.region));
  const max = Math.max(1, ...values.map((r) => r[metric]));
  const parcels = data.flows.filter((f) => at(f.from) && at(f.to));
  const payments = data.paymentFlows.filter((f) => at(f.from) && at(f.to));
  const used = new Set([...values.map((r) => r.region), ...[...parcels, ...payments].flatMap((f) => [f.from, f.to])]);
  const points = [...used].map(at).filter((p): p is [number, number] => p !== null);
  const inner = {
    width: Math.max(size.width - MAP_GRID.left - MAP_GRID.right, 50),
    height: Math.max(size.height - MAP_GRID.top - MAP_GRID.bottom, 50),
  };
  const bounds = fitBounds(points.length ? points : BASE_REGIONS.map((r) => [r.lon, r.lat]), inner.width, inner.height);
  // Bubbles and dots are placed in pixels, spread where they overlap, and turned back into lon/lat.
  const sx = inner.width / (bounds.lon[1] - bounds.lon[0]);
  const sy = inner.height / (bounds.lat[1] - bounds.lat[0]);
  const valued = new Set(values.map((r) => r.region));
  const dots = REGIONS.filter(
    (r) => !valued.has(r.code) && (BASE_REGIONS.includes(r) || (used.has(r.code) && !r.retired)),
  );
  const discs = [
    ...values.map((r) => ({ code: r.region, r: bubbleSize(r[metric], max) / 2 })),
    ...dots.map((r) => ({ code: r.code, r: 3 })),
  ].map((d) => {
    const [lon, lat] = at(d.code) as [number, number];
    return { ...d, x: (lon - bounds.lon[0]) * sx, y: (bounds.lat[1] - lat) * sy };
  });
  const spread = spreadDiscs(discs);
  const placed = new Map(
    discs.map((d, i) => {
      const p = spread[i] ?? d;
      return [d.code, [bounds.lon[0] + p.x / sx, bounds.lat[1] - p.y / sy]];
    }),
  );
  const pos = (code: string) => placed.get(code) ?? (at(code) as number[]);
  const maxShipments = Math.max(1, ...parcels.map((f) => f.shipments));
  const maxPaid = Math.max(1, ...payments.map((f) => f.amount));
  const axis = { type: 'value' as const, show: false, scale: true };
  const option: ChartOption = {
    grid: MAP_GRID,
    xAxis: { ...axis, min: bounds.lon[0], max: bounds.lon[1] },
    yAxis: { ...axis, min: bounds.lat[0], max: bounds.lat[1] },
    dataZoom: [
      { type: 'inside', xAxisIndex: 0, filterMode: 'none' },
      { type: 'inside', yAxisIndex: 0, filterMode: 'none' },
    ],
    toolbox: { right: 10, top: 0, feature: { restore: { title: t('hotspots.map.reset') } } },
    legend: {
      left: 0,
      top: 4,
      data: [t('hotspots.map.cases'), t('hotspots.map.parcels'), t('hotspots.map.payments')],
    },
    tooltip: { trigger: 'item' },
    series: [
      {
        type: 'scatter',
        silent: true,
        symbolSize: 5,
        itemStyle: { color: COLORS.line },
        label: { show: true, position: 'bottom', color: COLORS.muted, fontSize: 11, formatter: '{b}', ...HALO },
        labelLayout: { hideOverlap: true },
        data: dots.map((r) => ({ name: r.name, value: pos(r.code) })),
        z: 1,
      },
      {
        name: t('hotspots.map.parcels'),
        type: 'lines',
        coordinateSystem: 'cartesian2d',
        symbol: ['none', 'arrow'],
        symbolSize: 7,
        lineStyle: { color: COLORS.parcels, opacity: 0.45, curveness: 0.12 },
        tooltip: {
          formatter: (p) => {
            const f = parcels[(p as { dataIndex: number }).dataIndex];
            return f ? t('hotspots.tip.parcels', { ...f, from: f.fromName, to: f.toName }) : '';
          },
        },
        data: parcels.map((f) => ({
          coords: [pos(f.from), pos(f.to)],
          lineStyle: { width: width(f.shipments, maxShipments) },
        })),
        z: 2,
      },
      {
        name: t('hotspots.map.payments'),
        type: 'lines',
        coordinateSystem: 'cartesian2d',
        symbol: ['none', 'arrow'],
        symbolSize: 7,
        lineStyle: { color: COLORS.payments, opacity: 0.5, curveness: 0.28, type: 'dashed' },
        tooltip: {
          formatter: (p) => {
            const f = payments[(p as { dataIndex: number }).dataIndex];
            return f
              ? t('hotspots.tip.payments', { ...f, from: f.fromName, to: f.toName, amount: money(t.lang, f.amount) })
              : '';
          },
        },
        data: payments.map((f) => ({
          coords: [pos(f.from), pos(f.to)],
          lineStyle: { width: width(f.amount, maxPaid) },
        })),
        z: 2,
      },
      {
        name: t('hotspots.map.cases'),
        type: 'scatter',
        cursor: 'pointer',
        itemStyle: { color: COLORS.cases, opacity: 0.75, borderColor: '#fff', borderWidth: 1 },
        emphasis: { itemStyle: { opacity: 1, borderColor: COLORS.ink, borderWidth: 2 } },
        label: { show: true, position: 'right', color: COLORS.ink, fontSize: 12, formatter: '{b}', ...HALO },
        labelLayout: { hideOverlap: true },
        tooltip: {
          formatter: (p) => {
            const r = values[(p as { dataIndex: number }).dataIndex];
            return r ? t('hotspots.tip.region', { name: r.name, cases: r.cases, amount: money(t.lang, r.amount) }) : '';
          },
        },
        data: values.map((r) => ({
          name: r.name,
          code: r.region,
          value: [...pos(r.region), r[metric]],
          symbolSize: bubbleSize(r[metric], max),
          itemStyle: data.filter.region === r.region ? { borderColor: COLORS.ink, borderWidth: 3 } : {},
        })),
        z: 3,
      },
    ],
  };
  return option;
}

export function RegionMap({
  data,
  metric,
  onRegion,
}: {
  data: Hotspots;
  metric: Metric;
  onRegion: (code: string) => void;
}) {
  const t = useT();
  const [size, setSize] = useState({ width: 800, height: 460 });
  const option = useMemo(() => regionMapOption(data, metric, size, t), [data, metric, size, t]);
  const onClick = useDatumClick('code', onRegion);
  return (
    <section className="chart-card wide" data-testid="region-map">
      <h3>{t('hotspots.map.title')}</h3>
      <p className="muted hint">
        {t('hotspots.map.hint', { metric: t(metric === 'cases' ? 'hotspots.metric.cases' : 'hotspots.metric.amount') })}
      </p>
      <EChart option={option} label={t('hotspots.map.title')} height={460} onClick={onClick} onResize={setSize} />
      <DataTable
        testId="flow-data"
        columns={[t('hotspots.flows'), t('hotspots.map.parcels'), t('hotspots.map.payments'), t('hotspots.col.amount')]}
        rows={flowRows(data)}
      />
    </section>
  );
}

/** Parcel and payment flows of one region pair in one row. */
function flowRows(data: Hotspots) {
  const rows = new Map<string, { key: string; cells: (string | number)[] }>();
  for (const f of data.flows)
    rows.set(`${f.from}>${f.to}`, {
      key: `${f.from}>${f.to}`,
      cells: [`${f.fromName} → ${f.toName}`, f.shipments, 0, 0],
    });
  for (const f of data.paymentFlows) {
    const key = `${f.from}>${f.to}`;
    const row = rows.get(key) ?? { key, cells: [`${f.fromName} → ${f.toName}`, 0, 0, 0] };
    row.cells[2] = f.payments;
    row.cells[3] = f.amount;
    rows.set(key, row);
  }
  return [...rows.values()];
}
