// The neighbours of one entity ({{LABEL}} from the key's prefix, via the domain model's whitelist),
// grouped by relationship type and direction, each group cut at `$limit` neighbours in key order and
// counting the rest. Region scope (auth/scope.ts SCOPE_RULE) applies to the entity (no row when it is
// outside) and to every neighbour, before counting: an out-of-scope neighbour is neither listed nor
// counted. At most `$scan` relationships are visited; `degree` tells the caller whether that cut in.
// Relationship properties come back only from the caller's per-type whitelist `$relFields`.
// params: $key STRING, $scope LIST<STRING>, $types LIST<STRING>, $direction STRING, $limit INTEGER, $scan INTEGER,
//         $relFields MAP
// columns: node MAP, labels LIST<STRING>, located LIST<STRING>, seenIn LIST<STRING>, groups LIST<MAP>, degree INTEGER
MATCH (n:{{LABEL}} {key: $key})
WHERE any(c IN coalesce(n.seenIn, []) WHERE c IN $scope) OR EXISTS { (n)-[:IN_REGION]->(g:Region) WHERE g.code IN $scope }
CALL (n) {
  MATCH (n)-[r:INVOLVES|INFRINGES|LEGAL_REP_OF|SHAREHOLDER_OF|EMPLOYED_BY|OPERATES|LOCATED_AT|USES_PHONE|HOLDS|SENT_BY|SENT_TO|FROM_ADDR|TO_ADDR|FROM_ACCOUNT|TO_ACCOUNT]-(m)
  WHERE type(r) IN $types
    AND ($direction = 'both' OR ($direction = 'out') = (startNode(r) = n))
  WITH n, r, m
  LIMIT $scan
  WITH n, r, m
  WHERE any(c IN coalesce(m.seenIn, []) WHERE c IN $scope) OR EXISTS { (m)-[:IN_REGION]->(g:Region) WHERE g.code IN $scope }
  WITH type(r) AS type, CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction, r, m
  ORDER BY type, direction, m.key, elementId(r)
  WITH type, direction, collect({r: r, m: m})[..$limit] AS kept, count(*) AS total
  CALL (kept) {
    UNWIND kept AS x
    WITH x.r AS r, x.m AS m
    RETURN collect({
      node: m {.key, .name, .title, .text, .caseNo, .masked, .channel, .waybillNo, .courierName, .txId, .shippedAt, .at, .openedAt, .pieces, .amount, .sharedBy},
      labels: labels(m),
      located: [(m)-[:IN_REGION]->(rg:Region) | rg.code],
      seenIn: [code IN coalesce(m.seenIn, []) WHERE code IN $scope],
      properties: [f IN coalesce($relFields[type(r)], []) WHERE r[f] IS NOT NULL | {name: f, value: r[f]}],
      srcCount: coalesce(r.srcCount, size(coalesce(r.src, [])))
    }) AS items
  }
  RETURN collect({type: type, direction: direction, total: total, items: items}) AS groups
}
RETURN n {.key, .name, .title, .text, .caseNo, .masked, .channel, .waybillNo, .courierName, .txId, .shippedAt, .at, .openedAt, .pieces, .amount, .sharedBy} AS node,
       labels(n) AS labels,
       [(n)-[:IN_REGION]->(rg:Region) | rg.code] AS located,
       [code IN coalesce(n.seenIn, []) WHERE code IN $scope] AS seenIn,
       groups,
       COUNT { (n)--() } AS degree
