/** Case packets: export a chain or an investigation, check a packet, import it. */
import type { PacketCheck } from '../../../../server/http/routes/packets.ts';
import type { Packet } from '../../../../server/packets/format.ts';
import type { ImportReport } from '../../../../server/packets/import.ts';
import type { PacketListItem } from '../../../../server/packets/queries.ts';
import { api } from './client.ts';

export type { ImportReport, Packet, PacketCheck, PacketListItem };

export const exportPacket = (body: {
  community?: string;
  investigation?: string;
  to: string;
  redaction: 'strict' | 'standard';
  purpose: string;
}) => api<Packet>('POST', '/api/packets', { body });

export const checkPacket = (packet: unknown) => api<PacketCheck>('POST', '/api/packets/verify', { body: packet });
export const importPacket = (packet: unknown) => api<ImportReport>('POST', '/api/packets/import', { body: packet });

export const packetInbox = () => api<{ items: PacketListItem[] }>('GET', '/api/packets', { query: { limit: 100 } });
export const openPacket = (id: string) => api<Packet>('GET', `/api/packets/${encodeURIComponent(id)}`);
