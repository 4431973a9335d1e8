/** A packet in a few lines a person reads before importing it (CLI `packet verify`, the web upload). */
import { regionName } from '../domain/regions.ts';
import type { Packet } from './format.ts';

export function packetSummary(packet: Packet, signer: { name: string; own: boolean }): string {
  const count = new Map<string, number>();
  for (const e of packet.entities) count.set(e.label, (count.get(e.label) ?? 0) + 1);
  return [
    `packet ${packet.id} (${packet.redaction}), issued ${packet.issuedAt} by ${packet.issuer.name} (${packet.issuer.region}) for ${packet.to.name} (${packet.to.region})`,
    `signed by key ${packet.signature.keyId}: ${signer.own ? 'this instance' : signer.name} — signature valid`,
    `purpose: ${packet.purpose}`,
    `subject: ${packet.subject.kind} ${packet.subject.title}`,
    `entities: ${[...count].map(([l, n]) => `${l} ${n}`).join(', ')}; relationships ${packet.relationships.length}; evidence items ${packet.evidence.length}`,
    packet.chain
      ? `chain: score ${packet.chain.score}${packet.chain.flagged ? ' (flagged)' : ''}, regions ${packet.chain.regions.map(regionName).join('、')}`
      : 'chain: none (an investigation)',
    `sources: ${sources(packet)}`,
  ].join('\n');
}

function sources(packet: Packet): string {
  const batches = [...packet.provenance.batches].sort((a, b) => b.rows - a.rows);
  if (batches.length === 0) return 'none listed';
  const shown = batches.slice(0, 5).map((b) => `${b.file ?? b.id} (${b.rows} rows)`);
  return batches.length > 5 ? `${shown.join('; ')}; and ${batches.length - 5} more files` : shown.join('; ');
}
