/**
 * Waybill rows: one per parcel in the export of the courier's branch where it was collected, and for
 * an echoed parcel a second row in the destination's export (sender phone often masked there). Consumer
 * receivers are printed the privacy-waybill way a good share of the time (张*, 138****1234, no room).
 */
import { COURIERS, type Courier } from '../../server/domain/identifiers.ts';
import { shipmentKey } from '../../server/domain/keys.ts';
import { maskName } from '../../server/domain/pii.ts';
import { regionByCode } from '../../server/domain/regions.ts';
import { isoDateTime } from '../dates.ts';
import type { Mention } from '../out/files.ts';
import { WAYBILLS } from '../sources.ts';
import { maskedAddress, pickupAddress, renderAddress } from '../world/address.ts';
import { companyNameVariant } from '../world/companies.ts';
import type { ShipEvent } from '../world/events.ts';
import { addressOf, type Address, type Company, type Party, type Shop } from '../world/model.ts';
import { companyMention, personMention, phoneText, shopMention, type EmitContext } from './context.ts';

const COURIER_BY_CODE = new Map(COURIERS.map((c) => [c.code, c]));
const SOURCE_BY_COURIER = new Map(WAYBILLS.map((s, i) => [(COURIERS[i] as Courier).code, s]));
const STATIONS = ['菜鸟驿站', '丰巢快递柜', '快递超市', '妈妈驿站'];

interface Side {
  name: string;
  phone: string;
  address: string;
  mentions: Mention[];
}

function side(
  ctx: EmitContext,
  p: Party | Shop,
  field: string,
  unit: string,
  privacy: boolean,
  sendAs?: Company,
): Side {
  const r = ctx.rng;
  if (sendAs) {
    // A front company's name on a parcel that really leaves the warehouse.
    const name = companyNameVariant(r, sendAs);
    const address = renderAddress(r, addressOf(p));
    return {
      name,
      phone: phoneText(r, sendAs.phone),
      address,
      mentions: companyMention(ctx, sendAs, field, { name, address, unit }),
    };
  }
  if (p.kind === 'Shop') {
    const op = p.operator;
    const base = side(ctx, op, field, unit, privacy);
    if (r.chance(0.2)) return { ...base, name: p.name, mentions: shopMention(p, field, false) };
    return base;
  }
  if (p.kind === 'Company') {
    const address = renderAddress(r, p.address);
    const phone = phoneText(r, p.phone, privacy ? 0.2 : 0.03);
    if (r.chance(0.75)) {
      const name = companyNameVariant(r, p, r.chance(0.01));
      return { name, phone, address, mentions: companyMention(ctx, p, field, { name, address, unit }) };
    }
    const name = p.legalRep.name;
    return { name, phone, address, mentions: personMention(ctx, p.legalRep, field, { name, phone }) };
  }
  const home: Address = privacy && r.chance(0.35) ? pickupAddress(p.home, r.pick(STATIONS)) : p.home;
  const address = privacy && r.chance(0.15) ? maskedAddress(home) : renderAddress(r, home);
  const name = privacy && r.chance(0.3) ? maskName(p.name) : p.name;
  const phone = phoneText(r, p.phone, privacy ? 0.35 : 0.03);
  return { name, phone, address, mentions: personMention(ctx, p, field, { name, phone }) };
}

function outlet(courier: Courier, unit: string): string {
  const r = regionByCode(unit);
  const city = r?.level === 'city' ? r : regionByCode(r?.parentCode ?? '');
  const brand = courier.aliases[0] ?? courier.name;
  return `${brand}${city?.shortName ?? ''}${r && r !== city ? r.shortName : ''}营业部`;
}

export function emitShipment(ctx: EmitContext, e: ShipEvent): void {
  const courier = COURIER_BY_CODE.get(e.courier) as Courier;
  const source = SOURCE_BY_COURIER.get(e.courier);
  if (!source) throw new RangeError(`quanlian/seed: no waybill source for ${e.courier}`);
  const r = ctx.rng;
  const no = ctx.world.ids.waybill(e.courier);
  const unit = addressOf(e.from).regionCode;
  // Parcels to consumers (people outside any network) are often printed as privacy waybills.
  const consumer = e.to.kind === 'Person' && e.to.network === undefined;
  const from = side(ctx, e.from, '寄件人', unit, false, e.sendAs);
  const to = side(ctx, e.to, '收件人', unit, consumer);
  const fee = (8 + Math.ceil(e.kg) * (e.courier === 'SF' ? 4 : 2)).toFixed(2);
  const cells = [
    no,
    courier.name,
    isoDateTime(e.day, e.sec),
    from.name,
    from.phone,
    from.address,
    to.name,
    to.phone,
    to.address,
    e.goods,
    String(e.pieces),
    e.kg.toFixed(1),
    fee,
    outlet(courier, unit),
  ];
  const tracked = e.network !== undefined || e.from.tid !== undefined;
  const destUnit = addressOf(e.to).regionCode;
  const echo = e.echo && destUnit !== unit && regionByCode(destUnit) !== undefined;
  const shipment = echo && tracked ? ctx.truth.register('Shipment', `${courier.code} ${no}`, e.network) : undefined;
  const wb: Mention[] = shipment ? [{ tid: shipment, field: '运单号', key: shipmentKey(courier.code, no) }] : [];
  ctx.files.write(source, unit, cells, [...wb, ...from.mentions, ...to.mentions]);
  if (echo) {
    // The destination branch's export of the same parcel: the sender's phone is often masked there.
    const echoed = cells.slice();
    if (r.chance(0.5) && /^\+?[\d ]+$/.test(from.phone))
      echoed[4] = from.phone.replace(/(\d{3})\d{4}(\d{4})$/, '$1****$2');
    ctx.files.write(source, destUnit, echoed, [
      ...wb,
      ...from.mentions.map((m) =>
        echoed[4] === from.phone ? m : { ...m, key: m.key?.startsWith('pnp:') ? null : m.key },
      ),
      ...to.mentions,
    ]);
  }
}
