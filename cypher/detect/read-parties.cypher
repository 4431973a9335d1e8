// Detection projection: one page of the parties of one label ({{LABEL}}: Company, Person or Shop,
// from the whitelist) with what stage assignment and scoring read: name, business scope, region,
// and the keys identity resolution folded into it.
// Keyset paging on the key's unique index, so every page costs the same.
// params: $after STRING (last key of the previous page, '' first), $limit INTEGER
// columns: key STRING, name STRING?, scope STRING?, regions LIST<STRING>, merged LIST<STRING> (keys folded in)
MATCH (n:{{LABEL}})
WHERE n.key > $after
WITH n
ORDER BY n.key
LIMIT $limit
RETURN n.key AS key,
       n.name AS name,
       n.scope AS scope,
       [(n)-[:IN_REGION]->(r:Region) | r.code] AS regions,
       coalesce(n.mergedKeys, []) AS merged
