// Every identity key of one party label ({{LABEL}} from the whitelist) with its alternate keys, for
// the resolution step to decide which weak nodes fold into which strong one.
// Paged by key (keyset paging on the key's unique index), so each page costs the same.
// params: $after STRING (last key of the previous page, '' first), $limit INTEGER
// columns: key STRING, alt LIST<STRING>
MATCH (n:{{LABEL}})
WHERE n.key > $after
RETURN n.key AS key, coalesce(n.altKeys, []) AS alt
ORDER BY n.key
LIMIT $limit
