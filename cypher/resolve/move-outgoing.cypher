// Moves the outgoing {{TYPE}} relationships of weak {{LABEL}} nodes onto the strong node each folds
// into, merging with one the strong node already has (existing properties win, provenance adds up).
// A relationship that would become a self-loop is left behind and goes with the weak node.
// params: $pairs LIST<MAP {weak STRING, strong STRING}>
// columns: moved INTEGER
UNWIND $pairs AS p
MATCH (w:{{LABEL}} {key: p.weak})-[r:{{TYPE}}]->(x)
MATCH (s:{{LABEL}} {key: p.strong})
WHERE x <> s
MERGE (s)-[m:{{TYPE}}]->(x)
WITH r, m, properties(m) AS old, properties(r) AS moved
SET m += moved
SET m += old
SET m.src = (coalesce(old.src, []) + [x IN coalesce(moved.src, []) WHERE NOT x IN coalesce(old.src, [])])[0..20],
    m.srcCount = coalesce(old.srcCount, 0) + coalesce(moved.srcCount, 0)
DELETE r
RETURN count(*) AS moved
