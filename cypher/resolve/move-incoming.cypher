// Moves the incoming {{TYPE}} relationships of weak {{LABEL}} nodes onto the strong node each folds
// into (see move-outgoing.cypher).
// params: $pairs LIST<MAP {weak STRING, strong STRING}>
// columns: moved INTEGER
UNWIND $pairs AS p
MATCH (x)-[r:{{TYPE}}]->(w:{{LABEL}} {key: p.weak})
MATCH (s:{{LABEL}} {key: p.strong})
WHERE x <> s
MERGE (x)-[m:{{TYPE}}]->(s)
WITH r, m, properties(m) AS old, properties(r) AS moved
SET m += moved
SET m += old
SET m.src = (coalesce(old.src, []) + [x IN coalesce(moved.src, []) WHERE NOT x IN coalesce(old.src, [])])[0..20],
    m.srcCount = coalesce(old.srcCount, 0) + coalesce(moved.srcCount, 0)
DELETE r
RETURN count(*) AS moved
