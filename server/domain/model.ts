/**
 * The graph model in one place (DESIGN.md §5): entity labels with their key prefixes, relationship
 * types with the labels they connect. Seed, ingest, the Cypher whitelist, tests and the web legend
 * import it; nothing else spells a label or type. Keys carry a prefix per label, so a key alone
 * says what it names.
 */
import { z } from 'zod';

export const ENTITY_LABELS = [
  'Company',
  'Person',
  'Shop',
  'Address',
  'Phone',
  'Account',
  'Shipment',
  'Payment',
  'Case',
  'Brand',
] as const;
export const EntityLabelSchema = z.enum(ENTITY_LABELS);
export type EntityLabel = z.infer<typeof EntityLabelSchema>;

/** Parties are who a network consists of: projected by detection, traced by trace. */
export const PARTY_LABELS: readonly EntityLabel[] = ['Company', 'Person', 'Shop'];

/** What an upstream trace starts from (DESIGN.md §7): a party, or a parcel (its sender, from its date). */
export const TRACE_STARTS: readonly EntityLabel[] = [...PARTY_LABELS, 'Shipment'];

export const KEY_PREFIXES: Readonly<Record<EntityLabel, readonly string[]>> = {
  Company: ['uscc:', 'name:'],
  Person: ['pid:', 'pnp:', 'pac:', 'pmk:'],
  Shop: ['shop:'],
  Address: ['addr:'],
  Phone: ['tel:'],
  Account: ['acct:'],
  Shipment: ['wb:'],
  Payment: ['pay:'],
  Case: ['case:'],
  Brand: ['brand:'],
};

export const LABEL_NAMES: Readonly<Record<EntityLabel, { zh: string; en: string }>> = {
  Company: { zh: '企业', en: 'Company' },
  Person: { zh: '人员', en: 'Person' },
  Shop: { zh: '店铺', en: 'Shop' },
  Address: { zh: '地址', en: 'Address' },
  Phone: { zh: '电话', en: 'Phone' },
  Account: { zh: '账户', en: 'Account' },
  Shipment: { zh: '运单', en: 'Shipment' },
  Payment: { zh: '交易', en: 'Payment' },
  Case: { zh: '案件', en: 'Case' },
  Brand: { zh: '品牌', en: 'Brand' },
};

const PARTY = ['Company', 'Person', 'Shop'] as const;

/** Relationship types between entities, with the labels each end may carry. */
export const REL_TYPES = {
  INVOLVES: { from: ['Case'], to: PARTY, zh: '涉案', en: 'involves' },
  INFRINGES: { from: ['Case'], to: ['Brand'], zh: '侵犯', en: 'infringes' },
  LEGAL_REP_OF: { from: ['Person'], to: ['Company'], zh: '法定代表人', en: 'legal representative of' },
  SHAREHOLDER_OF: { from: ['Person', 'Company'], to: ['Company'], zh: '股东', en: 'shareholder of' },
  EMPLOYED_BY: { from: ['Person'], to: ['Company', 'Shop'], zh: '任职', en: 'employed by' },
  OPERATES: { from: ['Person', 'Company'], to: ['Shop'], zh: '经营', en: 'operates' },
  LOCATED_AT: { from: [...PARTY, 'Case'], to: ['Address'], zh: '位于', en: 'located at' },
  USES_PHONE: { from: PARTY, to: ['Phone'], zh: '使用电话', en: 'uses phone' },
  HOLDS: { from: PARTY, to: ['Account'], zh: '持有账户', en: 'holds' },
  SENT_BY: { from: ['Shipment'], to: PARTY, zh: '寄件人', en: 'sent by' },
  SENT_TO: { from: ['Shipment'], to: PARTY, zh: '收件人', en: 'sent to' },
  FROM_ADDR: { from: ['Shipment'], to: ['Address'], zh: '寄件地址', en: 'from address' },
  TO_ADDR: { from: ['Shipment'], to: ['Address'], zh: '收件地址', en: 'to address' },
  FROM_ACCOUNT: { from: ['Payment'], to: ['Account'], zh: '付款账户', en: 'from account' },
  TO_ACCOUNT: { from: ['Payment'], to: ['Account'], zh: '收款账户', en: 'to account' },
} as const satisfies Record<
  string,
  { from: readonly EntityLabel[]; to: readonly EntityLabel[]; zh: string; en: string }
>;

export type RelType = keyof typeof REL_TYPES;
export const REL_TYPE_NAMES = Object.keys(REL_TYPES) as RelType[];
export const RelTypeSchema = z.enum(REL_TYPE_NAMES as [RelType, ...RelType[]]);

/** Entity → Region (reporting or located region); a separate type since Region is reference data. */
export const IN_REGION = 'IN_REGION';

export function labelOfKey(key: string): EntityLabel | undefined {
  return ENTITY_LABELS.find((label) => KEY_PREFIXES[label].some((p) => key.startsWith(p)));
}

/** Whether an entity's key names something an upstream trace can start from. */
export function startsTrace(key: string): boolean {
  const label = labelOfKey(key);
  return label !== undefined && TRACE_STARTS.includes(label);
}
