// Detection projection: the identifiers ({{LABEL}}: Address or Phone) that two or more parties sit
// at or use, streamed in key order, with those parties. `holders` is cut at $cap + 1 (more than
// $cap holders makes a hub, which the caller reports and leaves out); `count` is the full number.
// Shared accounts come from read-account-holders.
// params: $cap INTEGER
// columns: key STRING, count INTEGER, holders LIST<STRING>, label STRING?
MATCH (x:{{LABEL}})
WHERE x.key > ''
WITH x
ORDER BY x.key
WITH x, COLLECT { MATCH (p)-[:LOCATED_AT|USES_PHONE]->(x) WHERE (p:Company OR p:Person OR p:Shop) AND p.key IS NOT NULL
                 RETURN DISTINCT p.key AS k ORDER BY k } AS ps
WHERE size(ps) >= 2
RETURN x.key AS key, size(ps) AS count, ps[0..$cap + 1] AS holders, coalesce(x.text, x.masked) AS label
