/** Case packets: export a chain or an investigation, check a packet, import it. */
import type { Packet } from '../../../../server/packets/format.ts';
import { api } from './client.ts';

export type { Packet };

export interface PacketCheck {
  id: string;
  signer: { keyId: string; region: string; name: string; own: boolean };
  issuer: { region: string; name: string };
  to: { region: string; name: string };
  purpose: string;
  redaction: 'strict' | 'standard';
  subject: { kind: string; id: string; title: string };
  entities: number;
  relationships: number;
  summary: string;
}

export interface ImportReport {
  packetId: string;
  batchId: string;
  issuer: { region: string; name: string };
  status: 'imported' | 'already-imported';
  entities: { total: number; created: number; matched: number };
  relationships: number;
}

export const exportPacket = (body: {
  community?: string;
  investigation?: string;
  to: string;
  redaction: 'strict' | 'standard';
  purpose: string;
}) => api<Packet>('POST', '/api/packets', { body });

export const checkPacket = (packet: unknown) => api<PacketCheck>('POST', '/api/packets/verify', { body: packet });
export const importPacket = (packet: unknown) => api<ImportReport>('POST', '/api/packets/import', { body: packet });
