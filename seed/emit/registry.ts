/**
 * Registry extracts (企业登记信息, one row per firm in the file of its registering bureau, today's
 * successor for retired codes) and platform shop lists (网店经营者信息, in the operator's district).
 * Bureaus outside Nanchang share IDs masked, so joining their rows needs more than the ID.
 */
import { maskIdNumber } from '../../server/domain/pii.ts';
import { currentRegion, regionByCode } from '../../server/domain/regions.ts';
import { CATEGORY_BY_ID } from '../catalog/goods.ts';
import { isoDate } from '../dates.ts';
import { departmentName } from '../out/files.ts';
import { ENTERPRISE_REGISTRY, SHOP_LIST } from '../sources.ts';
import { renderAddress } from '../world/address.ts';
import type { Company, Shop } from '../world/model.ts';
import { companyMention, personMention, phoneText, shopMention, type EmitContext } from './context.ts';

export function registryUnit(c: Company): string {
  return currentRegion(c.regCode)?.code ?? c.regCode;
}

function sharesMasked(unit: string): boolean {
  return regionByCode(unit)?.nanchang === false;
}

export function emitCompany(ctx: EmitContext, c: Company, windowEnd: number): void {
  const r = ctx.rng;
  const unit = registryUnit(c);
  const masked = sharesMasked(unit);
  const id = masked ? maskIdNumber(c.legalRep.idNo) : c.legalRep.idNo;
  const bureau = regionByCode(c.regCode);
  const type = c.sole
    ? '个体工商户'
    : c.capital >= 500 && r.chance(0.3)
      ? '有限责任公司（自然人独资）'
      : '有限责任公司（自然人投资或控股）';
  const status =
    c.network === undefined && r.chance(0.06)
      ? r.pick(['注销', '吊销，未注销'])
      : c.founded > windowEnd - 400
        ? '存续（在营、开业、在册）'
        : '存续';
  const address = r.chance(0.8) ? c.address.canonical : renderAddress(r, c.address);
  const phone = phoneText(r, c.phone);
  const cells = [
    c.uscc,
    c.name,
    type,
    c.legalRep.name,
    id,
    phone,
    address,
    c.scope,
    String(c.capital),
    isoDate(c.founded),
    bureau ? departmentName(bureau.code, 'amr') : '',
    status,
  ];
  ctx.files.write(ENTERPRISE_REGISTRY, unit, cells, [
    ...companyMention(ctx, c, '名称', { name: c.name, uscc: c.uscc, unit }),
    ...personMention(ctx, c.legalRep, '法定代表人', { name: c.legalRep.name, id }),
  ]);
}

function shopUrl(s: Shop): string {
  switch (s.platform) {
    case '淘宝':
      return `https://shop${s.shopId}.taobao.com`;
    case '拼多多':
      return `https://mobile.yangkeduo.com/mall_page.html?mall_id=${s.shopId}`;
    case '抖音':
      return `https://haohuo.jinritemai.com/views/shop/index?id=${s.shopId}`;
    case '京东':
      return `https://mall.jd.com/index-${s.shopId}.html`;
    case '快手':
      return `https://app.kwaixiaodian.com/shop/${s.shopId}`;
    default:
      return `https://weidian.com/?userid=${s.shopId}`;
  }
}

export function emitShop(ctx: EmitContext, s: Shop, closedAfter: number | undefined): void {
  const r = ctx.rng;
  const op = s.operator;
  const unit = op.kind === 'Person' ? op.home.regionCode : op.address.regionCode;
  const address = renderAddress(r, op.kind === 'Person' ? op.home : op.address);
  const phone = phoneText(r, op.phone);
  const category = s.category
    ? (CATEGORY_BY_ID.get(s.category)?.label ?? '日用百货')
    : r.pick(['日用百货', '服饰鞋包', '食品', '家居', '数码']);
  const status = closedAfter !== undefined ? '已关闭' : r.chance(0.05) ? '已关闭' : '营业中';
  const idNo = op.kind === 'Person' ? op.idNo : op.uscc;
  const cells = [
    s.platform,
    s.shopId,
    s.name,
    shopUrl(s),
    op.name,
    op.kind === 'Person' ? '个人' : '企业',
    idNo,
    phone,
    address,
    category,
    isoDate(s.opened),
    status,
  ];
  const operator =
    op.kind === 'Person'
      ? personMention(ctx, op, '经营者', { name: op.name, id: idNo, phone })
      : companyMention(ctx, op, '经营者', { name: op.name, uscc: op.uscc, unit });
  ctx.files.write(SHOP_LIST, unit, cells, [...shopMention(s, '店铺ID', true), ...operator]);
}
