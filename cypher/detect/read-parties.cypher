// Detection projection: the parties of one label ({{LABEL}}: Company, Person or Shop, from the
// whitelist) with what stage assignment and scoring read: name, business scope, regions, and the
// keys identity resolution folded into it. In key order (a range seek on the key's
// unique index: no sort; a node without a string key is skipped), as pages of
// $page parties: one row per page holding one list per party (see read-shipments).
// params: $page INTEGER
// columns: rows LIST<[key STRING, name STRING?, scope STRING?, regions LIST<STRING>, merged LIST<STRING>]>
MATCH (n:{{LABEL}})
WHERE n.key > ''
WITH n
ORDER BY n.key
WITH collect(n) AS parties
UNWIND range(0, size(parties) - 1, $page) AS first
CALL (parties, first) {
  UNWIND parties[first..first + $page] AS n
  RETURN collect([n.key, n.name, n.scope, [(n)-[:IN_REGION]->(r:Region) | r.code], coalesce(n.mergedKeys, [])]) AS rows
}
RETURN rows
