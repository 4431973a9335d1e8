// Shortest paths between two entities (keys of any label), through the relationship types asked
// for, at most $maxHops long (the pattern stops at 6), shortest first. Both ends and every node on
// a path must be inside the caller's region scope (auth/scope.ts SCOPE_RULE): a path through what
// the caller may not see is not a path for them. Regions, runs and communities are never crossed.
// params: $from STRING, $to STRING, $types LIST<STRING>, $maxHops INTEGER, $limit INTEGER, $scope LIST<STRING>
// columns: nodes LIST<MAP>, rels LIST<MAP>
CALL () {
  MATCH (n:Company {key: $from}) RETURN n
  UNION
  MATCH (n:Person {key: $from}) RETURN n
  UNION
  MATCH (n:Shop {key: $from}) RETURN n
  UNION
  MATCH (n:Address {key: $from}) RETURN n
  UNION
  MATCH (n:Phone {key: $from}) RETURN n
  UNION
  MATCH (n:Account {key: $from}) RETURN n
  UNION
  MATCH (n:Shipment {key: $from}) RETURN n
  UNION
  MATCH (n:Payment {key: $from}) RETURN n
  UNION
  MATCH (n:Case {key: $from}) RETURN n
  UNION
  MATCH (n:Brand {key: $from}) RETURN n
}
WITH n AS a
WHERE (any(c IN coalesce(a.seenIn, []) WHERE c IN $scope) OR EXISTS { (a)-[:IN_REGION]->(g:Region) WHERE g.code IN $scope })
CALL () {
  MATCH (n:Company {key: $to}) RETURN n
  UNION
  MATCH (n:Person {key: $to}) RETURN n
  UNION
  MATCH (n:Shop {key: $to}) RETURN n
  UNION
  MATCH (n:Address {key: $to}) RETURN n
  UNION
  MATCH (n:Phone {key: $to}) RETURN n
  UNION
  MATCH (n:Account {key: $to}) RETURN n
  UNION
  MATCH (n:Shipment {key: $to}) RETURN n
  UNION
  MATCH (n:Payment {key: $to}) RETURN n
  UNION
  MATCH (n:Case {key: $to}) RETURN n
  UNION
  MATCH (n:Brand {key: $to}) RETURN n
}
WITH a, n AS b
WHERE (any(c IN coalesce(b.seenIn, []) WHERE c IN $scope) OR EXISTS { (b)-[:IN_REGION]->(g:Region) WHERE g.code IN $scope }) AND a <> b
MATCH p = SHORTEST 5 (a)((x)-[r:INVOLVES|INFRINGES|LEGAL_REP_OF|SHAREHOLDER_OF|EMPLOYED_BY|OPERATES|LOCATED_AT|USES_PHONE|HOLDS|SENT_BY|SENT_TO|FROM_ADDR|TO_ADDR|FROM_ACCOUNT|TO_ACCOUNT]-(y) WHERE type(r) IN $types AND (any(c IN coalesce(y.seenIn, []) WHERE c IN $scope) OR EXISTS { (y)-[:IN_REGION]->(g:Region) WHERE g.code IN $scope })){1,6}(b)
WHERE length(p) <= $maxHops
WITH p
ORDER BY length(p)
LIMIT $limit
RETURN [m IN nodes(p) | {
         node: m {.key, .name, .title, .text, .caseNo, .masked, .channel, .waybillNo, .courierName, .txId, .shippedAt, .at,
                 .openedAt, .pieces, .amount, .sharedBy},
         labels: labels(m),
         located: [(m)-[:IN_REGION]->(rg:Region) | rg.code],
         seenIn: [code IN coalesce(m.seenIn, []) WHERE code IN $scope]
       }] AS nodes,
       [r IN relationships(p) | {type: type(r), from: startNode(r).key, to: endNode(r).key}] AS rels
