// Links entities of one label to the Region reference nodes (IN_REGION), with provenance.
// params: $rows LIST<MAP {from STRING, code STRING, src LIST<STRING>, srcCount INTEGER}>
// columns: merged INTEGER
UNWIND $rows AS r
MATCH (a:{{FROM}} {key: r.from})
MATCH (g:Region {code: r.code})
MERGE (a)-[x:IN_REGION]->(g)
WITH x, r, properties(x) AS old
SET x.src = (coalesce(old.src, []) + [s IN r.src WHERE NOT s IN coalesce(old.src, [])])[0..20],
    x.srcCount = coalesce(old.srcCount, 0) + r.srcCount
RETURN count(*) AS merged
