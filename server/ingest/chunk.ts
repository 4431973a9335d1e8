/**
 * A chunk of rows' facts, folded by label and relationship type so each goes to Neo4j as one
 * parameterised UNWIND, and written in one transaction together with the Batch's progress marker:
 * either the whole chunk and its marker are committed, or neither is. That is what makes an
 * interrupted load resumable without losing or doubling a fact.
 */
import type { Db } from '../db/db.ts';
import { ENTITY_LABELS, type EntityLabel, type RelType } from '../domain/model.ts';
import type { Prop } from './entities.ts';
import type { RowFacts } from './mapper.ts';
import {
  commitChunk,
  linkRegions,
  mergeEntities,
  mergeRelationships,
  type EntityRow,
  type RegionRow,
  type RelRow,
} from './queries.ts';

const SRC_CAP = 20;
const NAMES_CAP = 30;

export class Chunk {
  rows = 0;
  lastLine = 0;
  private readonly entities = new Map<EntityLabel, Map<string, EntityRow>>();
  private readonly rels = new Map<
    string,
    { type: RelType; from: EntityLabel; to: EntityLabel; rows: Map<string, RelRow> }
  >();
  private readonly regions = new Map<EntityLabel, Map<string, RegionRow>>();

  add(facts: RowFacts, ref: string, line: number): void {
    this.rows++;
    this.lastLine = line;
    for (const e of facts.entities) {
      const byKey = getOrSet(this.entities, e.label, () => new Map<string, EntityRow>());
      const row = byKey.get(e.key);
      if (!row) {
        byKey.set(e.key, {
          key: e.key,
          props: withoutNulls(e.props),
          names: e.name ? [e.name] : [],
          alt: [...e.altKeys],
          src: [ref],
          srcCount: 1,
        });
        continue;
      }
      // Within a chunk, the earlier row wins, as it would in the database.
      for (const [k, v] of Object.entries(e.props)) if (v !== null && !(k in row.props)) row.props[k] = v;
      if (e.name && !row.names.includes(e.name) && row.names.length < NAMES_CAP) row.names.push(e.name);
      for (const alt of e.altKeys) if (!row.alt.includes(alt) && row.alt.length < NAMES_CAP) row.alt.push(alt);
      addSrc(row, ref);
    }
    for (const r of facts.rels) {
      const group = getOrSet(this.rels, `${r.type}|${r.from.label}|${r.to.label}`, () => ({
        type: r.type,
        from: r.from.label,
        to: r.to.label,
        rows: new Map<string, RelRow>(),
      }));
      const id = `${r.from.key}\u0000${r.to.key}`;
      const row = group.rows.get(id);
      if (!row) {
        group.rows.set(id, { from: r.from.key, to: r.to.key, props: withoutNulls(r.props), src: [ref], srcCount: 1 });
        continue;
      }
      // As for entities (and as the database does across chunks): earlier values win, later fill gaps.
      for (const [k, v] of Object.entries(r.props)) if (v !== null && !(k in row.props)) row.props[k] = v;
      addSrc(row, ref);
    }
    for (const { entity, code } of facts.regions) {
      const byKey = getOrSet(this.regions, entity.label, () => new Map<string, RegionRow>());
      const id = `${entity.key}\u0000${code}`;
      const row = byKey.get(id);
      if (!row) byKey.set(id, { from: entity.key, code, src: [ref], srcCount: 1 });
      else addSrc(row, ref);
    }
  }

  /**
   * Writes the chunk and the batch's progress marker (with the chunk's counts) in one transaction.
   * Counts are computed inside the transaction function, so a driver retry does not double them.
   */
  async write(
    db: Db,
    batchId: string,
    regionCode: string | null,
  ): Promise<{ entities: number; relationships: number; dropped: number }> {
    return db.writeTx(
      'ingest/write-chunk',
      async (tx) => {
        let entities = 0;
        let relationships = 0;
        let dropped = 0;
        for (const label of ENTITY_LABELS) {
          const rows = this.entities.get(label);
          if (!rows?.size) continue;
          const [r] = await tx.run(mergeEntities[label], { rows: [...rows.values()], batchId, regionCode });
          entities += r?.merged ?? 0;
        }
        for (const group of this.rels.values()) {
          const query = mergeRelationships(group.type, group.from, group.to);
          if (!query) {
            // e.g. LEGAL_REP_OF where the party turned out to be a person: the model has no such link.
            dropped += group.rows.size;
            continue;
          }
          const [r] = await tx.run(query, { rows: [...group.rows.values()] });
          relationships += r?.merged ?? 0;
        }
        for (const [label, rows] of this.regions) {
          const [r] = await tx.run(linkRegions[label], { rows: [...rows.values()] });
          relationships += r?.merged ?? 0;
        }
        await tx.run(commitChunk, { id: batchId, line: this.lastLine, entities, relationships });
        return { entities, relationships, dropped };
      },
      { timeoutMs: 600_000 },
    );
  }
}

function addSrc(row: { src: string[]; srcCount: number }, ref: string): void {
  row.srcCount++;
  if (row.src.length < SRC_CAP && !row.src.includes(ref)) row.src.push(ref);
}

function withoutNulls(props: Record<string, Prop>): Record<string, Prop> {
  const out: Record<string, Prop> = {};
  for (const [k, v] of Object.entries(props)) if (v !== null && v !== undefined) out[k] = v;
  return out;
}

function getOrSet<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}
