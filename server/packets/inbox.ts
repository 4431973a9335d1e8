/**
 * Packets kept for the region they are addressed to. An export through the API is stored; the
 * receiving region's users — partners included, who see nothing else — list and open the packets
 * addressed to their scope. A packet for another region is as absent as one that does not exist.
 */
import type { Scope } from '../auth/scope.ts';
import type { Db } from '../db/db.ts';
import { NotFoundError } from '../errors.ts';
import { PacketSchema, type Packet } from './format.ts';
import { getPacket, listPackets, storePacket, type PacketListItem } from './queries.ts';

export async function keepPacket(db: Db, packet: Packet, exportedBy: string): Promise<void> {
  await db.run(storePacket, {
    id: packet.id,
    toRegion: packet.to.region,
    json: JSON.stringify(packet),
    props: {
      toName: packet.to.name,
      issuerRegion: packet.issuer.region,
      issuerName: packet.issuer.name,
      purpose: packet.purpose,
      redaction: packet.redaction,
      subjectTitle: packet.subject.title,
      entities: packet.entities.length,
      exportedBy,
      issuedAt: packet.issuedAt,
    },
  });
}

export async function packetInbox(db: Db, scope: Scope, limit = 100): Promise<PacketListItem[]> {
  return (await db.run(listPackets, { scope: [...scope.codes], limit })).map((r) => r.packet);
}

export async function openPacket(db: Db, scope: Scope, id: string): Promise<Packet> {
  const [row] = await db.run(getPacket, { id, scope: [...scope.codes] });
  if (!row) throw new NotFoundError(`packet ${id} not found`);
  return PacketSchema.parse(JSON.parse(row.json));
}
