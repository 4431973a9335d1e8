/**
 * The hotspot dashboard's pure parts: spike sentences with their numbers in both languages, the
 * lon/lat box that keeps regions' true shape, and filters read back from the URL.
 */
import { describe, expect, it } from 'vitest';
import { makeT } from '../../../web/src/core/i18n/index.ts';
import { filterParams, readFilters } from '../../../web/src/views/hotspots/urlFilters.ts';
import { fitBounds, spreadDiscs } from '../../../web/src/views/hotspots/geo.ts';
import { monthName, spikeSentence, type Spike } from '../../../web/src/views/hotspots/words.ts';

const zh = makeT('zh');
const en = makeT('en');
/** 进贤县 farm inputs: 6 cases in March 2024 against 2 a month in December–February. */
const jinxian: Spike = {
  region: '360124',
  name: '进贤县',
  category: 'agri',
  month: '2024-03',
  cases: 6,
  previous: 2,
  ratio: 3,
};

describe('hotspot words', () => {
  it('states a spike with its numbers, in Chinese and in English', () => {
    expect(spikeSentence(zh, jinxian)).toBe('进贤县 农资案件 2024年3月 达 6 起，为前三个月月均（2 起）的 3 倍');
    expect(spikeSentence(en, jinxian)).toBe(
      '进贤县 farm inputs cases: 6 in Mar 2024, 3× the monthly average of the three months before (2)',
    );
  });

  it('gives the three months’ total instead of a ratio below one case a month, and says when there were none', () => {
    // 4 cases against 1 in three months: the server's ratio (against at least 1 a month) would say 4×.
    const few = { ...jinxian, cases: 4, previous: 0.33, ratio: 4 };
    expect(spikeSentence(zh, few)).toBe('进贤县 农资案件 2024年3月 达 4 起，前三个月合计仅 1 起');
    expect(spikeSentence(en, few)).toBe(
      '进贤县 farm inputs cases: 4 in Mar 2024, against 1 in the three months before',
    );
    const fresh = { ...jinxian, category: 'liquor' as const, cases: 3, previous: 0, ratio: 3 };
    expect(spikeSentence(zh, fresh)).toBe('进贤县 酒类案件 2024年3月 达 3 起，前三个月没有此类案件');
    expect(spikeSentence(en, fresh)).toBe('进贤县 liquor cases: 3 in Mar 2024, none in the three months before');
  });

  it('names months the way each language writes them', () => {
    expect(monthName('zh', '2023-12')).toBe('2023年12月');
    expect(monthName('en', '2023-12')).toBe('Dec 2023');
  });
});

describe('region view bounds', () => {
  const k = (b: { lat: [number, number] }) => Math.cos((((b.lat[0] + b.lat[1]) / 2) * Math.PI) / 180);
  const ratio = (b: { lon: [number, number]; lat: [number, number] }) =>
    ((b.lon[1] - b.lon[0]) * k(b)) / (b.lat[1] - b.lat[0]);

  it('widens the box so a degree of longitude is cos(latitude) of a degree of latitude on screen', () => {
    // 南昌县 and 九江市: a tall pair drawn in a wide box, and the other way round.
    const points: [number, number][] = [
      [115.93, 28.55],
      [116.0, 29.7],
    ];
    const wide = fitBounds(points, 800, 400);
    expect(ratio(wide)).toBeCloseTo(2, 6);
    expect(wide.lat[0]).toBeLessThan(28.55);
    expect(wide.lat[1]).toBeGreaterThan(29.7);
    const tall = fitBounds(points, 300, 600);
    expect(ratio(tall)).toBeCloseTo(0.5, 6);
    // Every point stays inside.
    for (const [lon, lat] of points) {
      expect(lon).toBeGreaterThan(tall.lon[0]);
      expect(lon).toBeLessThan(tall.lon[1]);
      expect(lat).toBeGreaterThan(tall.lat[0]);
      expect(lat).toBeLessThan(tall.lat[1]);
    }
  });

  it('gives one point some room instead of an empty box', () => {
    const one = fitBounds([[116.27, 28.37]], 400, 400);
    expect(one.lon[1] - one.lon[0]).toBeGreaterThan(0.1);
    expect(one.lat[1] - one.lat[0]).toBeGreaterThan(0.1);
  });
});

describe('bubbles that would hide each other', () => {
  it('are moved apart just enough, the smaller more, while a bubble that overlaps none stays on its seat', () => {
    // 东湖区 and 西湖区 a few pixels apart at province scale, two on one seat, and 宜春市 far away.
    const discs = [
      { x: 100, y: 100, r: 20 },
      { x: 104, y: 100, r: 10 },
      { x: 300, y: 300, r: 5 },
      { x: 300, y: 300, r: 5 },
      { x: 600, y: 50, r: 26 },
    ];
    const [a, b, c, d, e] = spreadDiscs(discs, { gap: 2 });
    const apart = (p?: { x: number; y: number }, q?: { x: number; y: number }) =>
      Math.hypot((p?.x ?? 0) - (q?.x ?? 0), (p?.y ?? 0) - (q?.y ?? 0));
    expect(apart(a, b)).toBeGreaterThanOrEqual(31.5);
    expect(apart(a, b)).toBeLessThan(40);
    expect(apart(a, discs[0])).toBeLessThan(apart(b, discs[1]));
    expect(apart(c, d)).toBeGreaterThanOrEqual(11.5);
    expect(e).toEqual({ x: 600, y: 50 });
  });
});

describe('dashboard filters in the URL', () => {
  it('keeps well-formed filters and drops the rest', () => {
    const params = new URLSearchParams('from=2024-01&to=2024-06&category=agri&region=360124&x=1');
    expect(readFilters(params)).toEqual({ from: '2024-01', to: '2024-06', category: 'agri', region: '360124' });
    expect(readFilters(new URLSearchParams('from=2024-13&category=guns&region=999999'))).toEqual({});
    expect(readFilters(new URLSearchParams('from=2024-06&to=2024-01'))).toEqual({ to: '2024-01' });
    expect(filterParams({ from: '2024-01', category: '', region: undefined })).toEqual({ from: '2024-01' });
  });
});
