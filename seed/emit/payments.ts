/**
 * Payment rows: a bank transfer appears in the statement of each side whose statement was pulled
 * (借 on one, 贷 on the other, one shared 交易流水号); Alipay and WeChat Pay movements likewise in each
 * exported bill, with the platform's own columns and conventions (masked counterparties, ￥ amounts).
 */
import { maskName } from '../../server/domain/pii.ts';
import { compactDate, isoDateTime } from '../dates.ts';
import type { Mention } from '../out/files.ts';
import { ALIPAY_BILL, BANK_STATEMENT, WECHAT_BILL } from '../sources.ts';
import type { PayEvent } from '../world/events.ts';
import type { Account, Party } from '../world/model.ts';
import { companyMention, personMention, shopMention, type EmitContext } from './context.ts';

const CHANNELS = ['网上银行', '手机银行', '手机银行', '柜面', 'ATM', '快捷支付'];

function idOf(p: Party): string {
  return p.kind === 'Person' ? p.idNo : p.uscc;
}

function unitOf(a: Account): string {
  return a.holder.kind === 'Person' ? a.holder.home.regionCode : a.holder.address.regionCode;
}

/** Mention of the statement holder, keyed by the ID/USCC column of the same row. */
function holderMention(ctx: EmitContext, a: Account, field: string, unit: string): Mention[] {
  const h = a.holder;
  return h.kind === 'Person'
    ? personMention(ctx, h, field, { name: h.name, id: h.idNo })
    : companyMention(ctx, h, field, { name: h.name, uscc: h.uscc, unit });
}

/** Mention of the counterparty by name only (no identifier beside it). */
function otherMention(ctx: EmitContext, a: Account, shown: string, field: string, unit: string): Mention[] {
  const h = a.holder;
  if (h.kind === 'Company') return companyMention(ctx, h, field, { name: shown, unit });
  return personMention(ctx, h, field, { name: shown });
}

export function emitPayment(ctx: EmitContext, e: PayEvent): void {
  const channel = e.from.channel;
  const tx = ctx.world.ids.txId(channel, compactDate(e.day));
  e.from.balance -= e.amount;
  e.to.balance += e.amount;
  for (const [self, other, out] of [
    [e.from, e.to, true],
    [e.to, e.from, false],
  ] as const) {
    if (!self.exported) continue;
    if (channel === 'bank') bankRow(ctx, e, self, other, out, tx);
    else if (channel === 'alipay') alipayRow(ctx, e, self, other, out, tx);
    else wechatRow(ctx, e, self, other, out, tx);
  }
}

function yuan(cents: number): string {
  return (cents / 100).toFixed(2);
}

function bankRow(ctx: EmitContext, e: PayEvent, self: Account, other: Account, out: boolean, tx: string): void {
  const unit = unitOf(self);
  const r = ctx.rng;
  const cells = [
    self.number,
    self.holder.name,
    idOf(self.holder),
    self.bank,
    isoDateTime(e.day, e.sec),
    out ? '借' : '贷',
    yuan(e.amount),
    yuan(self.balance),
    other.number,
    other.holder.name,
    other.bank,
    e.memo,
    r.pick(CHANNELS),
    tx,
  ];
  ctx.files.write(BANK_STATEMENT, unit, cells, [
    ...holderMention(ctx, self, '户名', unit),
    ...otherMention(ctx, other, other.holder.name, '对方户名', unit),
  ]);
}

/** How a platform bill shows the other side: a shop's name for sales, a masked name for people. */
function shownAs(ctx: EmitContext, e: PayEvent, other: Account): { text: string; mentions: Mention[]; unit?: string } {
  if (e.shop && e.shop.operator === other.holder)
    return { text: e.shop.name, mentions: shopMention(e.shop, '交易对方', false) };
  if (other.holder.kind === 'Company') return { text: other.holder.name, mentions: [] };
  const masked = ctx.rng.chance(0.7);
  const text = masked ? maskName(other.holder.name) : other.holder.name;
  return { text, mentions: masked ? [] : personMention(ctx, other.holder, '交易对方', { name: text }) };
}

function alipayRow(ctx: EmitContext, e: PayEvent, self: Account, other: Account, out: boolean, tx: string): void {
  const unit = unitOf(self);
  const h = self.holder;
  const shown = shownAs(ctx, e, other);
  const order = e.via === 'order';
  const fee = !out && order ? yuan(Math.round(e.amount * 0.006)) : '0.00';
  const time = isoDateTime(e.day, e.sec);
  const cells = [
    self.number,
    h.name,
    idOf(h),
    h.kind === 'Person' ? h.phone : h.legalRep.phone,
    tx,
    order ? ctx.world.ids.orderNo(compactDate(e.day)) : '',
    time,
    isoDateTime(e.day, Math.min(e.sec + ctx.rng.int(2, 90), 86_399)),
    order && e.shop?.platform === '淘宝' ? '淘宝' : '其他（包括阿里巴巴和外部商家）',
    order ? '担保交易' : e.via === 'qr' ? '即时到账交易' : '转账',
    shown.text,
    other.number,
    e.goods || '转账',
    yuan(e.amount),
    out ? '支出' : '收入',
    '交易成功',
    fee,
    '0.00',
    e.memo,
    out ? '已支出' : '已收入',
  ];
  ctx.files.write(ALIPAY_BILL, unit, cells, [...holderMention(ctx, self, '账户名', unit), ...shown.mentions]);
}

function wechatRow(ctx: EmitContext, e: PayEvent, self: Account, other: Account, out: boolean, tx: string): void {
  const unit = unitOf(self);
  const h = self.holder;
  const shown = shownAs(ctx, e, other);
  const type =
    e.via === 'qr'
      ? out
        ? '扫二维码付款'
        : '二维码收款'
      : e.via === 'order'
        ? out
          ? '商户消费'
          : '商户收款'
        : '转账';
  const status = out ? (e.via === 'transfer' ? '对方已收钱' : '支付成功') : '已收钱';
  const method = out
    ? ctx.rng.chance(0.6)
      ? '零钱'
      : `${ctx.rng.pick(['招商银行', '建设银行', '工商银行', '农业银行'])}(${ctx.rng.digits(4)})`
    : '/';
  const cells = [
    self.number,
    h.name,
    idOf(h),
    h.kind === 'Person' ? h.phone : h.legalRep.phone,
    isoDateTime(e.day, e.sec),
    type,
    shown.text,
    other.number,
    e.goods || '/',
    out ? '支出' : '收入',
    `￥${yuan(e.amount)}`,
    method,
    status,
    tx,
    e.via === 'order' ? ctx.world.ids.orderNo(compactDate(e.day)) : '/',
    e.memo || '/',
  ];
  ctx.files.write(WECHAT_BILL, unit, cells, [...holderMention(ctx, self, '账户实名', unit), ...shown.mentions]);
}
