/**
 * Entity builders: from the normalised fields of one row to graph entities with their identity
 * keys (server/domain/keys.ts, the same functions seed's truth uses) and properties. Personal
 * identifiers never leave here in clear: a phone, ID number or account becomes an HMAC key, a
 * masked display form and an AES-GCM ciphertext.
 */
import type { EntityLabel } from '../domain/model.ts';
import {
  accountKey,
  addressKeyOf,
  brandKey,
  caseKey,
  companyKeys,
  personKeys,
  phoneKey,
  platformCode,
  shipmentKey,
  shopKey,
  paymentKey,
  type AccountChannel,
} from '../domain/keys.ts';
import { validateWaybill } from '../domain/identifiers.ts';
import { encryptPii, maskBankCard, maskIdNumber, maskPhone } from '../domain/pii.ts';
import type { FieldValue } from './fields.ts';
import type { ReasonCode } from './reasons.ts';
import type { EntityKind, ValueRef } from './spec/schema.ts';

export type Prop = string | number | boolean | string[] | null;

export interface BuiltEntity {
  label: EntityLabel;
  key: string;
  props: Record<string, Prop>;
  /** The display name as written in this row (collected as aliases across sources). */
  name: string | null;
  regionCode: string | null;
  /** Weaker keys of the same entity (see companyKeys/personKeys), used by identity resolution. */
  altKeys: string[];
}

export interface BuildContext {
  hmacKey: Buffer;
  encKey: Buffer;
  reportRegion: string | null;
}

export type Lookup = (ref: ValueRef | undefined) => FieldValue | null;
export type BuildResult = BuiltEntity | null | { reject: ReasonCode; input: string };

/** How a firm's name ends when an export gives only the name (person names end in none of these). */
const COMPANY_WORDS =
  /(公司|商行|厂|经营部|门市部|批发部|超市|商店|店|铺|工作室|合作社|中心|市场|档口|商贸|贸易|实业|酒业|酒行|烟酒|食品|日化|化妆品|科技|电子|服饰|服装|鞋业|包装|印务|印刷|彩印|物流|仓储|五金|农资|种业|制品|材料|批发|百货|商社|集团)$/;
const CHANNELS = new Set<AccountChannel>(['bank', 'alipay', 'wechat']);

export function buildEntity(
  kind: EntityKind,
  from: Record<string, ValueRef>,
  get: Lookup,
  ctx: BuildContext,
): BuildResult {
  const text = (input: string): string | null => asText(get(from[input]));
  switch (kind) {
    case 'address': {
      const v = get(from.text);
      if (v?.type !== 'address') return null;
      const key = addressKeyOf(ctx.hmacKey, v.text);
      return entity('Address', key, { text: v.text, regionCode: v.regionCode }, null, v.regionCode);
    }
    case 'phone':
      return phoneEntity(get(from.number), ctx);
    case 'brand': {
      const name = text('name');
      return name ? entity('Brand', brandKey(name), { name }, name, null) : null;
    }
    case 'company':
      return companyEntity(get, from, ctx);
    case 'person':
      return personEntity(get, from, ctx);
    case 'party': {
      const uscc = get(from.uscc);
      const name = text('name');
      // A firm's name decides before an ID number: in a case register the ID beside a firm with no
      // USCC belongs to its representative, not to the firm.
      if (uscc?.type === 'uscc' || (name && COMPANY_WORDS.test(name))) return companyEntity(get, from, ctx);
      return personEntity(get, from, ctx);
    }
    case 'shop': {
      const platform = text('platform');
      const shopId = text('shopId');
      if (!platform || !shopId) return null;
      const name = text('name');
      return entity(
        'Shop',
        shopKey(platform, shopId),
        { platform: platformCode(platform), shopId, name, url: text('url') },
        name,
        null,
      );
    }
    case 'account': {
      const channel = text('channel') as AccountChannel | null;
      const v = get(from.number);
      if (!channel || !CHANNELS.has(channel)) return null;
      if (v?.type === 'masked') return null;
      if (v?.type !== 'account') return null;
      const key = accountKey(ctx.hmacKey, channel, v.number);
      if (!key) return null;
      const masked = channel === 'bank' ? maskBankCard(v.number) : maskAccountId(v.number);
      return entity('Account', key, { channel, bank: text('bank'), masked, enc: seal(ctx, v.number) }, null, null);
    }
    case 'shipment': {
      const courier = get(from.courier);
      const no = text('waybillNo');
      if (courier?.type !== 'courier' || !no) return null;
      const check = validateWaybill(courier.code, no);
      if (!check.ok) return { reject: 'waybill-pattern', input: 'waybillNo' };
      return entity(
        'Shipment',
        shipmentKey(courier.code, no),
        { courier: courier.code, courierName: courier.name, waybillNo: check.value ?? no },
        null,
        null,
      );
    }
    case 'payment': {
      const channel = text('channel') as AccountChannel | null;
      const txId = text('txId');
      if (!channel || !CHANNELS.has(channel) || !txId) return null;
      return entity('Payment', paymentKey(channel, txId), { channel, txId }, null, null);
    }
    case 'case': {
      const system = text('sourceSystem');
      const caseNo = text('caseNo');
      if (!system || !caseNo) return null;
      return entity(
        'Case',
        caseKey(system, caseNo),
        { caseNo, sourceSystem: system, regionCode: ctx.reportRegion },
        null,
        ctx.reportRegion,
      );
    }
  }
}

function companyEntity(get: Lookup, from: Record<string, ValueRef>, ctx: BuildContext): BuildResult {
  const uscc = get(from.uscc);
  const name = asText(get(from.name));
  const address = get(from.address);
  const regionCode = (address?.type === 'address' ? address.regionCode : null) ?? ctx.reportRegion ?? '360100';
  const code = uscc?.type === 'uscc' ? uscc.uscc : null;
  const [key, ...alt] = companyKeys({ uscc: code, name: name ?? '', regionCode });
  if (!key) return null;
  const props: Record<string, Prop> = { name, uscc: code, usccValid: uscc?.type === 'uscc' ? uscc.valid : null };
  return entity('Company', key, props, name, regionCode, alt);
}

function personEntity(get: Lookup, from: Record<string, ValueRef>, ctx: BuildContext): BuildResult {
  const id = get(from.idNumber);
  const name = asText(get(from.name));
  const phone = get(from.phone);
  const [key, ...alt] = personKeys(ctx.hmacKey, {
    idNumber: id?.type === 'residentId' ? id.id : null,
    name,
    phone: phone?.type === 'phone' ? phone.digits : null,
    maskedPhone: phone?.type === 'masked' ? phone.masked : null,
    accountKey: heldAccountKey(get, from, ctx),
  });
  if (!key) return null;
  const props: Record<string, Prop> = { name };
  if (id?.type === 'residentId') {
    props.idMasked = maskIdNumber(id.id);
    props.idEnc = seal(ctx, id.id);
    props.gender = id.gender ?? null;
    props.birthYear = id.birthYear ?? null;
  } else if (id?.type === 'masked') {
    // Re-mask what the source masked: an export may hide less than our 4 + 4 rule allows.
    props.idMasked = maskIdNumber(id.masked);
  }
  return entity('Person', key, props, name, null, alt);
}

/** The key of the account a party is listed with in this row (`account` + `channel` inputs). */
function heldAccountKey(get: Lookup, from: Record<string, ValueRef>, ctx: BuildContext): string | null {
  const channel = asText(get(from.channel)) as AccountChannel | null;
  const account = get(from.account);
  if (!channel || !CHANNELS.has(channel) || account?.type !== 'account') return null;
  return accountKey(ctx.hmacKey, channel, account.number);
}

function phoneEntity(v: FieldValue | null, ctx: BuildContext): BuildResult {
  if (v?.type !== 'phone') return null;
  const key = phoneKey(ctx.hmacKey, v.digits);
  if (!key) return null;
  return entity('Phone', key, { masked: maskPhone(v.digits), enc: seal(ctx, v.digits) }, null, null);
}

function entity(
  label: EntityLabel,
  key: string,
  props: Record<string, Prop>,
  name: string | null,
  regionCode: string | null,
  altKeys: string[] = [],
): BuiltEntity {
  return { label, key, props, name, regionCode, altKeys };
}

/** A field value as a plain property; personal identifiers only in masked form. */
export function asProp(v: FieldValue | null): Prop {
  if (v === null) return null;
  switch (v.type) {
    case 'text':
      return v.text;
    case 'uscc':
      return v.uscc;
    case 'masked':
      return v.masked;
    case 'residentId':
      return maskIdNumber(v.id);
    case 'phone':
      return maskPhone(v.digits);
    case 'account':
      return maskAccountId(v.number);
    case 'courier':
      return v.code;
    case 'date':
      return v.iso;
    case 'number':
      return v.value;
    case 'direction':
      return v.direction;
    case 'address':
      return v.text;
  }
}

function asText(v: FieldValue | null): string | null {
  if (v === null) return null;
  if (v.type === 'text') return v.text;
  if (v.type === 'courier') return v.code;
  const p = asProp(v);
  return typeof p === 'string' ? p : p === null ? null : String(p);
}

/** Ingest encrypts deterministically, so loading the same rows twice yields the same graph. */
function seal(ctx: BuildContext, plaintext: string): string {
  return encryptPii(ctx.encKey, plaintext, { deterministic: true });
}

/** Alipay and WeChat ids: at most a third of the characters stays visible (2088********1234, wx************sa). */
function maskAccountId(value: string): string {
  const keep = Math.floor(value.length / 6);
  return keep === 0
    ? '*'.repeat(value.length)
    : value.slice(0, keep) + '*'.repeat(value.length - 2 * keep) + value.slice(-keep);
}
