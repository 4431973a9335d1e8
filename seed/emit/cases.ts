/**
 * Case-register rows (案件登记, in the file of the bureau that opened the case) and 两法衔接 transfer
 * rows (in the same bureau's transfer file). Bureaus outside Nanchang mask ID numbers.
 */
import { caseKey } from '../../server/domain/keys.ts';
import { maskIdNumber } from '../../server/domain/pii.ts';
import { regionByCode } from '../../server/domain/regions.ts';
import { isoDate } from '../dates.ts';
import { departmentName, type Mention } from '../out/files.ts';
import { CASE_REGISTER, CASE_TRANSFER } from '../sources.ts';
import { renderAddress } from '../world/address.ts';
import type { CaseRecord } from '../world/cases.ts';
import { companyMention, personMention, phoneText, type EmitContext } from './context.ts';

function money(yuan: number): string {
  return yuan.toFixed(2);
}

/** The party as a record writes it, with its identifiers and the mentions they support. */
function party(ctx: EmitContext, k: CaseRecord, masked: boolean) {
  const p = k.party;
  if (p.kind === 'Person') {
    const id = masked ? maskIdNumber(p.idNo) : p.idNo;
    return {
      name: p.name,
      type: '自然人',
      uscc: '',
      rep: '',
      id,
      phone: p.phone,
      address: p.home,
      mentions: personMention(ctx, p, '当事人', { name: p.name, id }),
    };
  }
  const id = p.sole ? (masked ? maskIdNumber(p.legalRep.idNo) : p.legalRep.idNo) : '';
  const mentions: Mention[] = [
    ...companyMention(ctx, p, '当事人', { name: p.name, uscc: p.uscc, unit: k.unit }),
    ...personMention(ctx, p.legalRep, '法定代表人/经营者', { name: p.legalRep.name, ...(id ? { id } : {}) }),
  ];
  return {
    name: p.name,
    type: p.sole ? '个体工商户' : '企业',
    uscc: p.uscc,
    rep: p.legalRep.name,
    id,
    phone: p.phone,
    address: p.address,
    mentions,
  };
}

function caseMention(k: CaseRecord, field: string): Mention[] {
  return k.tid ? [{ tid: k.tid, field, key: caseKey(CASE_REGISTER.id, k.caseNo) }] : [];
}

export function emitCase(ctx: EmitContext, k: CaseRecord): void {
  const masked = regionByCode(k.unit)?.nanchang === false;
  const p = party(ctx, k, masked);
  const title = `${p.name}${k.cause}案`;
  const cells = [
    k.caseNo,
    title,
    k.cause,
    k.source,
    p.name,
    p.type,
    p.uscc,
    p.rep,
    p.id,
    phoneText(ctx.rng, p.phone),
    renderAddress(ctx.rng, p.address),
    k.brand,
    k.goods,
    money(k.value),
    money(k.turnover),
    money(k.gains),
    isoDate(k.day),
    departmentName(k.unit, 'amr'),
    k.status,
    k.decisionNo,
    money(k.fine),
    k.transfer ? '是' : '否',
  ];
  ctx.files.write(CASE_REGISTER, k.unit, cells, [...caseMention(k, '案件编号'), ...p.mentions]);
}

export function emitTransfer(ctx: EmitContext, k: CaseRecord): void {
  const t = k.transfer;
  if (!t) return;
  const masked = regionByCode(k.unit)?.nanchang === false;
  const p = party(ctx, k, masked);
  const idNo = k.party.kind === 'Person' ? p.id : '';
  const cells = [
    t.no,
    k.caseNo,
    departmentName(k.unit, 'amr'),
    departmentName(k.unit, 'psb'),
    isoDate(t.day),
    t.crime,
    p.name,
    p.uscc,
    idNo,
    money(k.turnover),
    '移送书、调查报告、涉案物品清单、鉴定意见',
    t.accepted,
    t.accepted === '已立案' ? isoDate(t.acceptDay) : '',
  ];
  const partyMentions = p.mentions.filter((m) => m.field === '当事人');
  ctx.files.write(CASE_TRANSFER, k.unit, cells, [...caseMention(k, '原案件编号'), ...partyMentions]);
}
