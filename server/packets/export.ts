/**
 * Building a case packet from a detected community or a saved investigation, as the exporter's
 * region scope lets them see it. `standard` redaction carries names and the masked identifier forms
 * the API shows (free text with its long digit runs starred); `strict` carries no clear personal data
 * at all: people appear as surname + *, phones and accounts by their type only, addresses by their
 * region, cases by their number, evidence notes by their kind, masked identifier fields are dropped —
 * identities travel as the keyed HMACs (pid:, tel:, acct:) the partner group shares. A strict packet
 * is scanned for ID-number, phone and bank-card patterns before it is signed, and refused if any remain.
 */
import { randomUUID } from 'node:crypto';
import type { Scope } from '../auth/scope.ts';
import type { Db } from '../db/db.ts';
import { labelOfKey, REL_TYPE_NAMES, type EntityLabel } from '../domain/model.ts';
import { shownProperty } from '../domain/pii.ts';
import { regionByCode, regionName } from '../domain/regions.ts';
import { getScopedCommunity } from '../detect/scoped.ts';
import { PacketRejectedError, ValidationError } from '../errors.ts';
import { displayName, NODE_FIELDS, regionCodes } from '../explore/presenter.ts';
import { getInvestigation } from '../investigations/service.ts';
import {
  PACKET_FORMAT,
  PACKET_VERSION,
  type Packet,
  type PacketBody,
  type PacketEntity,
  type Redaction,
} from './format.ts';
import { readBatches, readEntities, readPaymentAccounts, readRelationships } from './queries.ts';
import { findClearIdentifiers } from './scan.ts';
import { signPacket, type SigningKey } from './signing.ts';

export interface ExportRequest {
  subject: { kind: 'community' | 'investigation'; id: string };
  to: string;
  purpose: string;
  redaction: Redaction;
}

export interface Exporter {
  username: string;
  scope: Scope;
  /** The issuing instance's region (QUANLIAN_REGION). */
  region: string;
}

/** Fields a strict packet never carries (masked identifiers and free text that may name people). */
const STRICT_DROP = new Set([
  'idMasked',
  'maskedPhone',
  'masked',
  'memo',
  'note',
  'text',
  // A case's title often names its party, a person as often as a firm ("关于张某销售假冒…案").
  'title',
  'lon',
  'lat',
  'url',
  // Transaction and parcel numbers can be long digit runs that read like card or phone numbers.
  'txId',
  'orderNo',
  'waybillNo',
  'transferNo',
  'balanceAfter',
  // Already in the shop's key; some platforms' ids read like mobile numbers.
  'shopId',
]);

/**
 * An evidence item's note as a strict packet carries it: what kind of link it is, without the
 * record that names someone — a shared phone, account or address by its type, a case without its
 * title (the records are in the packet by their keys, the case with its number), a namesake link
 * without the name.
 */
export function strictNote(kind: string, note: string): string {
  if (kind === 'namesake') return '同名推定为同一人 / presumed the same person';
  if (kind === 'case') return '涉及同一案件 / involved in the same case';
  if (kind === 'shared') return note.split(' ')[0] ?? ''; // 共用电话, 共用账户 or 共用地址
  return note;
}

export function redactEntity(entity: PacketEntity, redaction: Redaction): PacketEntity {
  if (redaction === 'standard') return entity;
  const properties = Object.fromEntries(Object.entries(entity.properties).filter(([k]) => !STRICT_DROP.has(k)));
  let name = entity.name;
  if (entity.label === 'Person') name = name ? `${[...name][0] ?? ''}*` : '*';
  else if (entity.label === 'Phone') name = '电话';
  else if (entity.label === 'Account') name = '账户';
  else if (entity.label === 'Address') name = entity.regionCodes.map(regionName).join('、') || '地址';
  else if (entity.label === 'Shipment') name = `运单 ${String(entity.properties.shippedAt ?? '').slice(0, 10)}`.trim();
  else if (entity.label === 'Payment') name = `交易 ${String(entity.properties.at ?? '').slice(0, 10)}`.trim();
  else if (entity.label === 'Case') name = String(entity.properties.caseNo ?? '案件');
  if (entity.label === 'Person') delete properties.name;
  return { ...entity, name, properties };
}

async function subjectKeys(
  db: Db,
  exporter: Exporter,
  subject: ExportRequest['subject'],
): Promise<{
  title: string;
  keys: string[];
  chain: PacketBody['chain'];
  evidence: PacketBody['evidence'];
  src: string[];
}> {
  if (subject.kind === 'investigation') {
    const saved = await getInvestigation(db, { username: exporter.username, scope: exporter.scope }, subject.id);
    return { title: saved.title, keys: saved.state.nodes.map((n) => n.key), chain: null, evidence: [], src: [] };
  }
  const community = await getScopedCommunity(db, exporter.scope, subject.id);
  const keys = new Set<string>();
  for (const stage of community.chain) for (const m of stage.members) keys.add(m.key);
  const src: string[] = [];
  for (const e of community.evidence)
    for (const r of e.records) {
      keys.add(r.key);
      src.push(...r.src);
    }
  return {
    title: `链条 #${community.number}（${community.regions.map(regionName).join('、')}）`,
    keys: [...keys],
    chain: {
      score: community.score,
      flagged: community.flagged,
      regions: community.regions,
      stages: community.chain.map((s) => ({ stage: s.stage, members: s.members.map((m) => m.key) })),
      manufacturers: community.manufacturers.map((m) => ({ key: m.key, score: m.score, reasons: m.reasons })),
      breakdown: community.breakdown,
    },
    evidence: community.evidence.map((e) => ({
      kind: e.kind,
      from: e.from?.key ?? null,
      to: e.to?.key ?? null,
      count: e.count,
      volume: e.volume ?? null,
      first: e.first ?? null,
      last: e.last ?? null,
      note: e.note,
      records: e.records.map((r) => r.key),
    })),
    src,
  };
}

export async function buildPacket(
  db: Db,
  exporter: Exporter,
  request: ExportRequest,
  key: SigningKey,
): Promise<Packet> {
  if (!regionByCode(request.to)) throw new ValidationError(`quanlian/packets: unknown receiving region ${request.to}`);
  const subject = await subjectKeys(db, exporter, request.subject);
  const scope = [...exporter.scope.codes];
  // Payments travel with the accounts they move between, so the money trail stays connected.
  const payments = subject.keys.filter((k) => labelOfKey(k) === 'Payment');
  const accounts = payments.length ? (await db.run(readPaymentAccounts, { keys: payments })).map((r) => r.key) : [];
  const byLabel = new Map<EntityLabel, string[]>();
  for (const k of new Set([...subject.keys, ...accounts])) {
    const label = labelOfKey(k);
    if (label) (byLabel.get(label) ?? byLabel.set(label, []).get(label))?.push(k);
  }
  const entities: PacketEntity[] = [];
  const src = [...subject.src];
  for (const [label, keys] of byLabel) {
    const rows = await db.run(readEntities[label], { keys, scope, fields: [...NODE_FIELDS[label]] });
    for (const row of rows) {
      const entity: PacketEntity = {
        key: row.node.key,
        label,
        name: displayName(label, row.node),
        regionCodes: regionCodes(row.located, row.seenIn),
        properties: Object.fromEntries(row.properties.map((p) => [p.name, shownProperty(p.name, p.value)])),
      };
      entities.push(redactEntity(entity, request.redaction));
      if (request.subject.kind === 'investigation') src.push(...row.src);
    }
  }
  entities.sort((a, b) => a.key.localeCompare(b.key));
  const visible = entities.map((e) => e.key);
  const relationships: PacketBody['relationships'] = [];
  for (const label of new Set(entities.map((e) => e.label))) {
    const from = entities.filter((e) => e.label === label).map((e) => e.key);
    for (const r of await db.run(readRelationships[label], { from, keys: visible, types: REL_TYPE_NAMES }))
      relationships.push({ type: r.type as PacketBody['relationships'][number]['type'], from: r.from, to: r.to });
  }
  const shown = new Set(visible);
  const rows = new Map<string, number>();
  for (const ref of src) {
    const id = ref.split(':')[0];
    if (id) rows.set(id, (rows.get(id) ?? 0) + 1);
  }
  const batches = rows.size ? await db.run(readBatches, { ids: [...rows.keys()], scope }) : [];
  const body: PacketBody = {
    format: PACKET_FORMAT,
    version: PACKET_VERSION,
    id: randomUUID(),
    issuedAt: new Date().toISOString(),
    issuer: { region: exporter.region, name: regionName(exporter.region), keyId: key.keyId },
    to: { region: request.to, name: regionName(request.to) },
    purpose: request.purpose,
    redaction: request.redaction,
    subject: { kind: request.subject.kind, id: request.subject.id, title: subject.title },
    entities,
    relationships,
    chain: subject.chain
      ? {
          ...subject.chain,
          stages: subject.chain.stages.map((s) => ({ ...s, members: s.members.filter((k) => shown.has(k)) })),
        }
      : null,
    evidence: subject.evidence
      .filter((e) => (!e.from || shown.has(e.from)) && (!e.to || shown.has(e.to)))
      .map((e) => ({
        ...e,
        note: request.redaction === 'strict' ? strictNote(e.kind, e.note) : e.note,
        records: e.records.filter((k) => shown.has(k)),
      })),
    provenance: {
      batches: batches
        .map(({ batch }) => ({ ...batch, rows: rows.get(batch.id) ?? 0 }))
        .sort((a, b) => a.id.localeCompare(b.id)),
    },
  };
  if (request.redaction === 'strict') {
    const found = findClearIdentifiers(JSON.stringify(body));
    if (found.length > 0)
      throw new PacketRejectedError(
        `quanlian/packets: refusing to issue a strict packet: ${found.length} clear identifier(s) remain (${[...new Set(found.map((f) => f.kind))].join(', ')})`,
        'clear-identifier',
      );
  }
  return signPacket(body, key);
}
