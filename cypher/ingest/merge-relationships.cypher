// Upserts one chunk of relationships of one type between two labels (all three names come from the
// domain model's whitelist). Both ends must exist (they are merged earlier in the same transaction).
// Existing relationship properties win; provenance accumulates as on nodes.
// params: $rows LIST<MAP {from STRING, to STRING, props MAP, src LIST<STRING>, srcCount INTEGER}>
// columns: merged INTEGER
UNWIND $rows AS r
MATCH (a:{{FROM}} {key: r.from})
MATCH (b:{{TO}} {key: r.to})
MERGE (a)-[x:{{TYPE}}]->(b)
WITH x, r, properties(x) AS old
SET x += r.props
SET x += old
SET x.src = (coalesce(old.src, []) + [s IN r.src WHERE NOT s IN coalesce(old.src, [])])[0..20],
    x.srcCount = coalesce(old.srcCount, 0) + r.srcCount
RETURN count(*) AS merged
