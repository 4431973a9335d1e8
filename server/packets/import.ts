/**
 * Merging a verified packet from a partner instance into the local graph. Identities reconcile by
 * key (the partner group shares the HMAC key behind pid:/tel:/acct:); an entity this graph already
 * holds keeps every local property and only gains who shared it and its packet row as provenance,
 * and the receiving region's view of it only when that region sees it already (a packet never opens
 * another region's local record); new entities and relationships are created with the packet as
 * their source. The packet becomes a Batch "shared by <issuer>", so every imported fact leads back
 * to it; importing the same packet twice changes nothing and says so.
 *
 * A packet this instance signed is not imported: everything in it came from this graph, and the
 * regions it is addressed to read it in their packet inbox. Merging it would open the issuing
 * region's own records — every property, not the packet's redacted copy — to the receiving region.
 */
import type { Db } from '../db/db.ts';
import { currentAddressKey } from '../domain/keys.ts';
import { labelOfKey, type EntityLabel } from '../domain/model.ts';
import { regionByCode } from '../domain/regions.ts';
import { expandScope } from '../auth/scope.ts';
import { PacketRejectedError, ValidationError } from '../errors.ts';
import type { Packet } from './format.ts';
import { createBatch, findBatch, mergeEntities, mergeRelationships } from './queries.ts';
import type { Verified } from './signing.ts';

export interface ImportReport {
  packetId: string;
  batchId: string;
  issuer: { region: string; name: string };
  status: 'imported' | 'already-imported';
  /**
   * `matched`: held here already and seen by the receiving region; `withheld`: held here under
   * other regions only, so left closed to the receiving region (only provenance was added).
   */
  entities: { total: number; created: number; matched: number; withheld: number };
  relationships: number;
}

export const packetBatchId = (packet: Packet) => `packet-${packet.id}`;

/** `region`: the receiving region whose users will see what the packet brings (default: the packet's `to`). */
export async function importPacket(
  db: Db,
  verified: Verified,
  options: { region?: string; file?: string; importedBy: string; hmacKey: Buffer },
): Promise<ImportReport> {
  const { signer } = verified;
  const packet = withCurrentKeys(verified.packet, options.hmacKey);
  if (signer.own)
    throw new PacketRejectedError(
      `packet ${packet.id} was signed by this instance: its facts are in this graph already, and ${packet.to.name} (${packet.to.region}) reads it in its packet inbox; importing it would open the issuing region's own records to the receiving region`,
      'own-packet',
    );
  const region = options.region ?? packet.to.region;
  if (!regionByCode(region)) throw new ValidationError(`quanlian/packets: unknown receiving region ${region}`);
  const batchId = packetBatchId(packet);
  const base = {
    packetId: packet.id,
    batchId,
    issuer: { region: packet.issuer.region, name: packet.issuer.name },
    relationships: packet.relationships.length,
  };
  const byLabel = new Map<EntityLabel, Packet['entities']>();
  for (const e of packet.entities) (byLabel.get(e.label) ?? byLabel.set(e.label, []).get(e.label))?.push(e);
  if ((await db.run(findBatch, { id: batchId })).length > 0) {
    return {
      ...base,
      status: 'already-imported',
      entities: { total: packet.entities.length, created: 0, matched: 0, withheld: 0 },
    };
  }
  const scope = [...expandScope([region]).codes];
  let held = 0;
  let withheld = 0;
  const rowOf = new Map(packet.entities.map((e, i) => [e.key, i + 1]));
  await db.writeTx('packets/import', async (tx) => {
    held = 0;
    withheld = 0;
    for (const [label, list] of byLabel) {
      const [merged] = await tx.run(mergeEntities[label], {
        rows: list.map((e) => ({
          key: e.key,
          name: e.name,
          props: { ...e.properties, sharedRegions: e.regionCodes },
          src: `${batchId}:${rowOf.get(e.key) ?? 0}`,
        })),
        issuer: packet.issuer.region,
        region,
        scope,
      });
      held += merged?.held ?? 0;
      withheld += merged?.withheld ?? 0;
    }
    const groups = new Map<string, { from: string; to: string }[]>();
    for (const r of packet.relationships) {
      const id = `${r.type}|${labelOfKey(r.from)}|${labelOfKey(r.to)}`;
      if (!mergeRelationships.has(id)) continue; // not a shape the model allows: left out
      (groups.get(id) ?? groups.set(id, []).get(id))?.push({ from: r.from, to: r.to });
    }
    for (const [id, rows] of groups) {
      const query = mergeRelationships.get(id);
      if (query) await tx.run(query, { rows, src: `${batchId}:0` });
    }
    // One transaction: a crash leaves nothing, and a re-run merges the same facts as an uninterrupted one.
    await tx.run(createBatch, {
      id: batchId,
      props: {
        file: options.file ?? `${batchId}.json`,
        sourceSystem: 'packet',
        regionCode: packet.issuer.region,
        dept: `共享自 ${packet.issuer.name} / shared by ${packet.issuer.region}`,
        purpose: packet.purpose,
        signer: signer.keyId,
        redaction: packet.redaction,
        importedBy: options.importedBy,
      },
      region,
    });
  });
  return {
    ...base,
    status: 'imported',
    entities: {
      total: packet.entities.length,
      created: packet.entities.length - held,
      matched: held - withheld,
      withheld,
    },
  };
}

/**
 * The packet's address keys as this version writes them: a partner instance not yet upgraded sends
 * them with a number typed into the address in clear (keys.ts currentAddressKey), which would put a
 * second node beside this graph's. Partners share the HMAC key, so the token is the one made here.
 */
function withCurrentKeys(packet: Packet, hmacKey: Buffer): Packet {
  const key = (k: string) => currentAddressKey(hmacKey, k);
  return {
    ...packet,
    entities: packet.entities.map((e) => ({ ...e, key: key(e.key) })),
    relationships: packet.relationships.map((r) => ({ ...r, from: key(r.from), to: key(r.to) })),
  };
}
