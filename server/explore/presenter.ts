/**
 * What exploration may show of a node or relationship: an explicit property whitelist per label
 * (ciphertexts such as `enc` and `idEnc` are on no list; personal identifiers appear only in their
 * masked forms), the display name of each label, and the region codes a reader sees. The Cypher
 * statements receive these lists and return nothing else; the schemas check the result again.
 */
import { ENTITY_LABELS, type EntityLabel, type RelType } from '../domain/model.ts';
import { maskDigitRuns } from '../domain/pii.ts';
import type { NodeSummaryRow } from './queries.ts';
import type { NodeRef } from './schemas.ts';

/**
 * Per-label properties of the detail view, from the ingest specs and DESIGN.md §5; `sharedBy` lists
 * the regions whose case packets brought the entity (server/packets/import.ts).
 */
export const NODE_FIELDS = {
  Company: [
    'name',
    'uscc',
    'usccValid',
    'companyType',
    'scope',
    'capital',
    'establishedAt',
    'registrar',
    'regStatus',
    'roleHints',
    'operatorType',
    'sharedBy',
  ],
  Person: ['name', 'idMasked', 'gender', 'birthYear', 'maskedPhone', 'operatorType', 'sharedBy'],
  Shop: ['platform', 'shopId', 'name', 'url', 'category', 'openedAt', 'shopStatus', 'sharedBy'],
  Address: ['text', 'regionCode', 'lon', 'lat', 'sharedBy'],
  Phone: ['masked', 'sharedBy'],
  Account: ['channel', 'bank', 'masked', 'sharedBy'],
  Shipment: [
    'courier',
    'courierName',
    'waybillNo',
    'shippedAt',
    'weightKg',
    'pieces',
    'itemDesc',
    'category',
    'fee',
    'outlet',
    'sharedBy',
  ],
  Payment: [
    'channel',
    'txId',
    'amount',
    'at',
    'createdAt',
    'memo',
    'note',
    'status',
    'kind',
    'origin',
    'orderNo',
    'fee',
    'refund',
    'direction',
    'via',
    'balanceAfter',
    'method',
    'sharedBy',
  ],
  Case: [
    'caseNo',
    'sourceSystem',
    'title',
    'type',
    'status',
    'category',
    'brand',
    'goods',
    'amount',
    'goodsValue',
    'gains',
    'openedAt',
    'dept',
    'regionCode',
    'origin',
    'decisionNo',
    'penalty',
    'transferred',
    'partyType',
    'transferNo',
    'transferredAt',
    'transferredTo',
    'charge',
    'transferAmount',
    'acceptance',
    'acceptedAt',
    'sharedBy',
  ],
  Brand: ['name', 'rightsHolder', 'sharedBy'],
} as const satisfies Record<EntityLabel, readonly string[]>;

export type NodeField = (typeof NODE_FIELDS)[EntityLabel][number];
export const NODE_FIELD_NAMES = [...new Set(Object.values(NODE_FIELDS).flat())] as [NodeField, ...NodeField[]];

/** Per-type relationship properties of the expand view (provenance is reported as a count). */
export const REL_FIELDS: Readonly<Partial<Record<RelType, readonly string[]>>> = {
  INVOLVES: ['role'],
};
export const REL_FIELD_NAMES = ['role'] as const;

/** The entity label among a node's labels (nodes carry one; the model's order breaks a tie). */
export function entityLabelOf(labels: readonly string[]): EntityLabel | undefined {
  return ENTITY_LABELS.find((l) => labels.includes(l));
}

/**
 * What a reader sees as a node's name: phones and accounts by their masked form, cases by title,
 * addresses by text, shipments by waybill, payments by transaction id; the key when nothing else.
 */
export function displayName(label: EntityLabel, n: NodeSummaryRow): string {
  const pick = (...values: (string | null | undefined)[]) => values.find((v) => v != null && v !== '') ?? n.key;
  // Names, titles and address texts are free text: a long digit run in one may be a phone number.
  const text = (...values: (string | null | undefined)[]) => maskDigitRuns(pick(...values));
  switch (label) {
    case 'Phone':
      return pick(n.masked, '***');
    case 'Account':
      return pick(n.masked && n.channel ? `${n.masked} (${n.channel})` : n.masked, '***');
    case 'Case':
      return n.title ? text(n.title) : pick(n.caseNo);
    case 'Address':
      return text(n.text);
    case 'Shipment':
      return pick(n.waybillNo && n.courierName ? `${n.courierName} ${n.waybillNo}` : n.waybillNo);
    case 'Payment':
      return pick(n.txId && n.channel ? `${n.channel} ${n.txId}` : n.txId);
    default:
      return text(n.name);
  }
}

/**
 * Region codes shown with a node: where it is located (IN_REGION, a fact about the entity) and the
 * in-scope regions that reported it. Reporting regions outside the scope are never named.
 */
export function regionCodes(located: readonly string[], seenInScope: readonly string[]): string[] {
  return [...new Set([...located, ...seenInScope])].sort();
}

/** A node as lists show it (neighbours, paths): name, regions, and for events when and how much. */
export function nodeRef(node: NodeSummaryRow, labels: string[], located: string[], seenIn: string[]): NodeRef {
  const label = entityLabelOf(labels);
  if (!label) throw new Error(`quanlian/explore: ${node.key} carries no entity label (${labels.join(',')})`);
  const ref: NodeRef = {
    key: node.key,
    label,
    name: displayName(label, node),
    regionCodes: regionCodes(located, seenIn),
  };
  const at =
    label === 'Shipment' ? node.shippedAt : label === 'Payment' ? node.at : label === 'Case' ? node.openedAt : null;
  const amount = label === 'Shipment' ? node.pieces : label === 'Payment' || label === 'Case' ? node.amount : null;
  if (at) ref.at = at;
  if (node.sharedBy && node.sharedBy.length > 0) ref.sharedBy = node.sharedBy;
  if (amount != null) ref.amount = amount;
  return ref;
}
