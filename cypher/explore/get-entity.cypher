// One entity for the detail view ({{LABEL}} comes from the key's prefix, via the domain model's
// whitelist). Region scope (auth/scope.ts SCOPE_RULE) applies to the entity itself (no row when it
// is outside: the caller reports "not found"), to the Batch records of its provenance (outside ones
// are only counted), to the cases involving it and to the neighbours counted per relationship type.
// Properties come back only from the caller's whitelist `$fields`, never the whole node. At most
// `$scan` relationships are visited for the counts; `degree` tells the caller whether that cut in.
// params: $key STRING, $scope LIST<STRING>, $fields LIST<STRING>, $types LIST<STRING>, $caseLimit INTEGER,
//         $scan INTEGER
// columns: key STRING, labels LIST<STRING>, name STRING?, aliases LIST<STRING>, properties LIST<MAP>,
//          located LIST<MAP>, seenIn LIST<STRING>, batches LIST<MAP>, otherSources INTEGER, refCount INTEGER,
//          srcCount INTEGER?, cases LIST<MAP>, caseCount INTEGER, neighbours LIST<MAP>, degree INTEGER
MATCH (n:{{LABEL}} {key: $key})
WHERE any(c IN coalesce(n.seenIn, []) WHERE c IN $scope) OR EXISTS { (n)-[:IN_REGION]->(g:Region) WHERE g.code IN $scope }
CALL (n) {
  WITH n, [s IN coalesce(n.src, []) | split(s, ':')] AS refs
  UNWIND coalesce(n.firstBatch, []) + [p IN refs | p[0]] AS id
  WITH DISTINCT refs, id
  MATCH (b:Batch {id: id})
  WITH b, [p IN refs WHERE p[0] = b.id AND size(p) > 1 | toInteger(p[1])] AS lines,
       any(c IN coalesce(b.seenIn, []) WHERE c IN $scope) OR EXISTS { (b)-[:IN_REGION]->(g:Region) WHERE g.code IN $scope } AS visible
  ORDER BY b.loadedAt, b.id
  RETURN collect(CASE WHEN visible THEN b {.id, .file, .sourceSystem, .regionCode, .dept, loadedAt: toString(b.loadedAt),
                                           lines: [x IN lines WHERE x IS NOT NULL]} END) AS batches,
         count(CASE WHEN NOT visible THEN 1 END) AS otherSources
}
CALL (n) {
  MATCH (k:Case)-[r:INVOLVES|INFRINGES]->(n)
  WHERE any(c IN coalesce(k.seenIn, []) WHERE c IN $scope) OR EXISTS { (k)-[:IN_REGION]->(g:Region) WHERE g.code IN $scope }
  WITH k, r
  ORDER BY k.openedAt IS NULL, k.openedAt DESC, k.key, type(r)
  RETURN collect(k {.key, .caseNo, .title, .type, .status, openedAt: toString(k.openedAt), relation: type(r),
                    role: r.role})[..$caseLimit] AS cases,
         count(*) AS caseCount
}
CALL (n) {
  MATCH (n)-[r:INVOLVES|INFRINGES|LEGAL_REP_OF|SHAREHOLDER_OF|EMPLOYED_BY|OPERATES|LOCATED_AT|USES_PHONE|HOLDS|SENT_BY|SENT_TO|FROM_ADDR|TO_ADDR|FROM_ACCOUNT|TO_ACCOUNT]-(m)
  WHERE type(r) IN $types
  WITH n, r, m
  LIMIT $scan
  WITH n, r, m
  WHERE any(c IN coalesce(m.seenIn, []) WHERE c IN $scope) OR EXISTS { (m)-[:IN_REGION]->(g:Region) WHERE g.code IN $scope }
  WITH type(r) AS type, CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction, count(*) AS count
  ORDER BY type, direction
  RETURN collect({type: type, direction: direction, count: count}) AS neighbours
}
RETURN n.key AS key,
       labels(n) AS labels,
       n.name AS name,
       coalesce(n.aliases, []) AS aliases,
       [f IN $fields WHERE n[f] IS NOT NULL | {name: f, value: n[f]}] AS properties,
       [(n)-[:IN_REGION]->(rg:Region) | rg {.code, .name}] AS located,
       [code IN coalesce(n.seenIn, []) WHERE code IN $scope] AS seenIn,
       batches,
       otherSources,
       size(coalesce(n.src, [])) AS refCount,
       n.srcCount AS srcCount,
       cases,
       caseCount,
       neighbours,
       COUNT { (n)--() } AS degree
