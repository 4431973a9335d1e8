/**
 * Events are what rows are made of: a parcel sent (one waybill row, plus one in the destination's
 * export when it is echoed) or money moved (one row in the statement or bill of each side whose
 * export exists). Both carry a day and a second of the day so every file can be written in time order.
 */
import type { Account, Company, Party, Shop } from './model.ts';

export interface ShipEvent {
  kind: 'ship';
  day: number;
  sec: number;
  from: Party | Shop;
  to: Party | Shop;
  courier: string;
  goods: string;
  pieces: number;
  kg: number;
  /** Also appears in the destination unit's export of the same courier. */
  echo: boolean;
  /** Name written as sender instead of the real sender (a front company as cover). */
  sendAs?: Company;
  network?: string;
}

export interface PayEvent {
  kind: 'pay';
  day: number;
  sec: number;
  from: Account;
  to: Account;
  /** Cents. */
  amount: number;
  memo: string;
  goods: string;
  /** How the money moved: a platform order, a QR-code sale, or a transfer. */
  via: 'order' | 'qr' | 'transfer';
  /** Shop whose sale this is (shown as counterparty name in platform bills). */
  shop?: Shop;
  network?: string;
}

export type Event = ShipEvent | PayEvent;

/** Rows an event will produce (before noise): used to meet the size's record target. */
export function rowsOf(e: Event): number {
  if (e.kind === 'ship') return e.echo ? 2 : 1;
  return (e.from.exported ? 1 : 0) + (e.to.exported ? 1 : 0);
}

/** First and last business hour; hour 8+k carries (2k+1)/169 of the day's events. */
export const BUSINESS_HOURS = { first: 8, count: 13 } as const;

export function hourShare(k: number): number {
  return (2 * k + 1) / (BUSINESS_HOURS.count * BUSINESS_HOURS.count);
}

/** Business hours, busier in the afternoon (hour 8+k with probability hourShare(k)). */
export function businessSecond(u: number, v: number): number {
  const hour = 8 + Math.floor(13 * Math.sqrt(u));
  return hour * 3600 + Math.floor(v * 3600);
}
