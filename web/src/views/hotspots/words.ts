/**
 * The dashboard's figures in words, in the reader's language: months, money, and the spike sentence
 * ("进贤县 农资案件 2024年3月 达 6 起，为前三个月月均（2 起）的 3 倍"). Pure, so the sentences are tested
 * on known numbers.
 */
import { CATEGORY_NAMES, type CategoryId } from '../../../../server/hotspots/category.ts';
import type { Hotspots } from '../../core/api/endpoints.ts';
import type { T } from '../../core/i18n/index.ts';

export type Spike = Hotspots['spikes'][number];

/** "2024年3月" / "Mar 2024". */
export function monthName(lang: T['lang'], month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  if (lang === 'zh') return `${y}年${m}月`;
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleString('en', { month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** Money as a reader scans it: "¥63.1万" / "¥631K" (exact figures are in the data tables). */
export function money(lang: T['lang'], amount: number): string {
  const locale = lang === 'zh' ? 'zh-CN' : 'en';
  return `¥${new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(amount)}`;
}

/** A figure of the chosen metric as a chart label: a count as it is, an amount as money. */
export function metricValue(lang: T['lang'], metric: 'cases' | 'amount', value: number): string {
  return metric === 'cases' ? String(value) : money(lang, value);
}

/** Money to the yuan with grouping: "¥631,000". */
export function exactMoney(amount: number): string {
  return `¥${amount.toLocaleString('en', { maximumFractionDigits: 2 })}`;
}

export function categoryName(lang: T['lang'], category: string): string {
  return CATEGORY_NAMES[category as CategoryId]?.[lang] ?? category;
}

const num = (n: number) => String(Math.round(n * 10) / 10);

/**
 * One spike as a sentence with its numbers. `previous` is the monthly mean of the three months
 * before; below one case a month the sentence gives the three months' total instead of a ratio
 * (the server's ratio is taken against at least one case a month, so "× 12" would overstate it).
 */
export function spikeSentence(t: T, spike: Spike): string {
  const values = {
    region: t.region(spike.region),
    category: categoryName(t.lang, spike.category),
    month: monthName(t.lang, spike.month),
    cases: spike.cases,
    previous: num(spike.previous),
    ratio: num(spike.ratio),
    before: Math.round(spike.previous * 3),
  };
  if (values.before === 0) return t('hotspots.spike.new', values);
  if (spike.previous < 1) return t('hotspots.spike.few', values);
  return t('hotspots.spike.ratio', values);
}
