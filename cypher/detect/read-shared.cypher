// Detection projection: one page of identifiers ({{LABEL}}: Address, Phone or Account) with the
// parties that sit at, use or hold them. One row per page: `last` (the page's last key, null when
// the page is empty) and `items`, only the identifiers with two or more holders. `holders` is cut at
// $cap + 1 (more than $cap holders makes a hub, which the caller reports and leaves out); `count`
// is the full number.
// params: $after STRING, $limit INTEGER, $cap INTEGER
// columns: last STRING?, items LIST<MAP{key STRING, count INTEGER, holders LIST<STRING>, label STRING?}>
MATCH (x:{{LABEL}})
WHERE x.key > $after
WITH x
ORDER BY x.key
LIMIT $limit
WITH x, COLLECT { MATCH (p)-[:LOCATED_AT|USES_PHONE|HOLDS]->(x) WHERE p:Company OR p:Person OR p:Shop
                 RETURN DISTINCT p.key AS k ORDER BY k } AS ps
WITH max(x.key) AS last,
     collect(CASE WHEN size(ps) >= 2
                  THEN {key: x.key, count: size(ps), holders: ps[0..$cap + 1], label: coalesce(x.text, x.masked)}
             END) AS items
RETURN last, items
