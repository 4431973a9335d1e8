/**
 * The integer and value policy at the driver boundary, applied in both directions:
 * - out (params): a JS number that is a safe integer is sent as a Cypher INTEGER, any other number as
 *   FLOAT, so `LIMIT $n` and integer properties work without callers thinking about it;
 * - in (rows): the driver runs with `disableLosslessIntegers`, so INTEGER arrives as a JS number (no
 *   Quanlian value reaches 2^53); temporal values become ISO-8601 strings; nodes, relationships and
 *   paths become plain objects. Nothing of the driver's own types leaves server/db.
 */
import neo4j, {
  isDate,
  isDateTime,
  isDuration,
  isInt,
  isLocalDateTime,
  isLocalTime,
  isNode,
  isPath,
  isPoint,
  isRelationship,
  isTime,
} from 'neo4j-driver';

export function toParam(value: unknown): unknown {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? neo4j.int(value) : value;
  if (typeof value === 'bigint') return neo4j.int(value);
  if (Array.isArray(value)) return value.map(toParam);
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toParam(v);
    return out;
  }
  return value;
}

export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(toPlain);
  // A Cypher map arrives as a plain object; the driver's own types are class instances.
  if (Object.getPrototypeOf(value) === Object.prototype) return plainMap(value as Record<string, unknown>);
  if (isInt(value)) return value.toNumber();
  if (
    isDateTime(value) ||
    isDate(value) ||
    isLocalDateTime(value) ||
    isTime(value) ||
    isLocalTime(value) ||
    isDuration(value)
  ) {
    return value.toString();
  }
  if (isNode(value)) return { elementId: value.elementId, labels: value.labels, properties: toPlain(value.properties) };
  if (isRelationship(value)) {
    return {
      elementId: value.elementId,
      type: value.type,
      startElementId: value.startNodeElementId,
      endElementId: value.endNodeElementId,
      properties: toPlain(value.properties),
    };
  }
  if (isPath(value))
    return {
      segments: value.segments.map((s) => ({
        start: toPlain(s.start),
        relationship: toPlain(s.relationship),
        end: toPlain(s.end),
      })),
    };
  if (isPoint(value)) return { srid: toPlain(value.srid), x: value.x, y: value.y, z: value.z ?? null };
  return plainMap(value as Record<string, unknown>);
}

function plainMap(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k in value) if (Object.hasOwn(value, k)) out[k] = toPlain(value[k]);
  return out;
}
