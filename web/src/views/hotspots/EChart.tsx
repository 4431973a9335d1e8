/**
 * One ECharts instance in a div: created on mount (in the reader's language), given each new option
 * whole, resized with its box, disposed on unmount. Clicks on chart items go to `onClick`.
 */
import { useCallback, useEffect, useRef } from 'react';
import { useT } from '../../core/i18n/index.ts';
import { BASE, echarts, type ChartEvent, type ChartOption } from './echarts.ts';

interface Props {
  option: ChartOption;
  /** Accessible name of the chart; the numbers are in the data table beside it. */
  label: string;
  height: number;
  onClick?: ((event: ChartEvent) => void) | undefined;
  onResize?: ((size: { width: number; height: number }) => void) | undefined;
  testId?: string;
}

export function EChart({ option, label, height, onClick, onResize, testId }: Props) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);
  const resized = useRef(onResize);
  resized.current = onResize;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const instance = echarts.init(el, null, { renderer: 'canvas', locale: t.lang === 'zh' ? 'ZH' : 'EN' });
    chart.current = instance;
    const observer = new ResizeObserver(() => {
      instance.resize();
      resized.current?.({ width: el.clientWidth, height: el.clientHeight });
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [t.lang]);

  useEffect(() => {
    chart.current?.setOption({ ...BASE, ...option }, { notMerge: true });
  }, [option, t.lang]);

  useEffect(() => {
    const instance = chart.current;
    if (!instance || !onClick) return;
    instance.on('click', onClick);
    return () => {
      instance.off('click', onClick);
    };
  }, [onClick, t.lang]);

  return <div ref={box} className="echart" style={{ height }} role="img" aria-label={label} data-testid={testId} />;
}

/** A click handler that hands on one field of the clicked datum (a region code, a category id). */
export function useDatumClick(field: 'code' | 'category', pick: (value: string) => void): (event: ChartEvent) => void {
  return useCallback(
    (event: ChartEvent) => {
      const value = (event.data as Record<string, unknown> | undefined)?.[field];
      if (typeof value === 'string' && value) pick(value);
    },
    [field, pick],
  );
}
