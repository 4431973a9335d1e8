// Loads the Region reference table (server/domain/regions.ts): upserts each region, links it to its
// parent (PART_OF) and a retired code to its successor (SUCCEEDED_BY). Idempotent.
// params: $regions LIST<MAP {code, name, shortName, level, parentCode, lon, lat, retired, successorCode, aliases, nanchang}>
// columns: regions INTEGER
UNWIND $regions AS r
MERGE (n:Region {code: r.code})
SET n.name = r.name, n.shortName = r.shortName, n.level = r.level, n.parentCode = r.parentCode,
    n.lon = r.lon, n.lat = r.lat, n.retired = r.retired, n.successorCode = r.successorCode,
    n.aliases = r.aliases, n.nanchang = r.nanchang
WITH n, r
CALL (n, r) {
  OPTIONAL MATCH (parent:Region {code: r.parentCode})
  FOREACH (_ IN CASE WHEN parent IS NULL THEN [] ELSE [1] END | MERGE (n)-[:PART_OF]->(parent))
}
CALL (n, r) {
  OPTIONAL MATCH (successor:Region {code: r.successorCode})
  FOREACH (_ IN CASE WHEN successor IS NULL THEN [] ELSE [1] END | MERGE (n)-[:SUCCEEDED_BY]->(successor))
}
RETURN count(n) AS regions
