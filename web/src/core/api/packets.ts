/** Case packets: export a chain or an investigation, check a packet, import it. */
import type { PacketCheck } from '../../../../server/http/routes/packets.ts';
import type { Packet } from '../../../../server/packets/format.ts';
import type { ImportReport } from '../../../../server/packets/import.ts';
import { api } from './client.ts';

export type { ImportReport, Packet, PacketCheck };

export const exportPacket = (body: {
  community?: string;
  investigation?: string;
  to: string;
  redaction: 'strict' | 'standard';
  purpose: string;
}) => api<Packet>('POST', '/api/packets', { body });

export const checkPacket = (packet: unknown) => api<PacketCheck>('POST', '/api/packets/verify', { body: packet });
export const importPacket = (packet: unknown) => api<ImportReport>('POST', '/api/packets/import', { body: packet });
