/**
 * Calendar arithmetic on UTC day numbers (days since 1970-01-01). Seed time is entirely derived from
 * the run's seed: no wall clock is read, so the same seed always gives the same dates.
 */
export const DAY_MS = 86_400_000;

export function dayOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

const isoCache = new Map<number, string>();

/** YYYY-MM-DD. */
export function isoDate(day: number): string {
  let s = isoCache.get(day);
  if (s === undefined) {
    s = new Date(day * DAY_MS).toISOString().slice(0, 10);
    isoCache.set(day, s);
  }
  return s;
}

/** YYYYMMDD. */
export function compactDate(day: number): string {
  return isoDate(day).replace(/-/g, '');
}

export function yearOf(day: number): number {
  return Number(isoDate(day).slice(0, 4));
}

/** YYYY/M/D, as Alipay and Excel-edited exports print it. */
export function slashDate(day: number): string {
  const [y, m, d] = isoDate(day).split('-') as [string, string, string];
  return `${y}/${Number(m)}/${Number(d)}`;
}

/** YYYY年M月D日, as registry extracts print it. */
export function chineseDate(day: number): string {
  const [y, m, d] = isoDate(day).split('-') as [string, string, string];
  return `${y}年${Number(m)}月${Number(d)}日`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** HH:MM:SS from seconds after midnight. */
export function hms(sec: number): string {
  return `${pad2(Math.floor(sec / 3600))}:${pad2(Math.floor(sec / 60) % 60)}:${pad2(sec % 60)}`;
}

export function isoDateTime(day: number, sec: number): string {
  return `${isoDate(day)} ${hms(sec)}`;
}
