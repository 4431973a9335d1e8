// Upserts one chunk of entity nodes of one label ({{LABEL}} comes from the domain model's whitelist).
// Existing values win: a later source never overwrites an earlier fact, it only fills gaps. Names
// seen under another spelling collect in `aliases`; provenance refs ("<batch>:<line>") append to
// `src` (capped at 20) and `srcCount` counts every asserting row.
// `altKeys` collects the entity's weaker keys for identity resolution (resolve/*.cypher).
// `seenIn` lists every region whose exports asserted the entity (the batch's reporting region): with
// IN_REGION it decides which users' region scope the entity falls in (auth/scope.ts).
// params: $rows LIST<MAP {key STRING, props MAP, names LIST<STRING>, alt LIST<STRING>, src LIST<STRING>, srcCount INTEGER}>, $batchId STRING, $regionCode STRING?
// columns: merged INTEGER
UNWIND $rows AS r
MERGE (n:{{LABEL}} {key: r.key})
  ON CREATE SET n.firstBatch = $batchId
WITH n, r, properties(n) AS old
SET n += r.props
SET n += old
SET n.src = (coalesce(old.src, []) + [s IN r.src WHERE NOT s IN coalesce(old.src, [])])[0..20],
    n.srcCount = coalesce(old.srcCount, 0) + r.srcCount,
    n.aliases = (coalesce(old.aliases, []) + [x IN r.names WHERE (n.name IS NULL OR x <> n.name) AND NOT x IN coalesce(old.aliases, [])])[0..30],
    n.altKeys = (coalesce(old.altKeys, []) + [k IN r.alt WHERE NOT k IN coalesce(old.altKeys, [])])[0..60],
    n.seenIn = CASE
      WHEN $regionCode IS NULL OR $regionCode IN coalesce(old.seenIn, []) THEN old.seenIn
      ELSE coalesce(old.seenIn, []) + $regionCode
    END
RETURN count(*) AS merged
