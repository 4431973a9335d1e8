// Full-text search over names, aliases, addresses, case titles, goods and brands (index `entity_search`, cjk
// analyzer). `$q` is a Lucene query the caller built from escaped, quoted user terms. Lucene returns
// at most `$scan` hits by score; region scope (auth/scope.ts SCOPE_RULE) and the label filter apply
// to each, then the page is cut: identifier hits already shown (`$exclude`) are skipped. One row:
// the page, and how many hits Lucene handed over (`hits`: when it is `$scan`, matches beyond went
// unread, and a short page may be partial; only that flag leaves the server, never the count).
// params: $q STRING, $labels LIST<STRING>, $exclude LIST<STRING>, $scope LIST<STRING>, $scan INTEGER,
//         $skip INTEGER, $limit INTEGER
// columns: page LIST<MAP {node MAP, labels LIST<STRING>, located LIST<STRING>, seenIn LIST<STRING>, score FLOAT}>,
//          hits INTEGER
CALL db.index.fulltext.queryNodes('entity_search', $q, {limit: $scan}) YIELD node, score
WITH collect({n: node, score: score}) AS found
CALL (found) {
  UNWIND found AS hit
  WITH hit.n AS n, hit.score AS score
  WHERE NOT n.key IN $exclude
    AND any(l IN labels(n) WHERE l IN $labels)
    AND (any(c IN coalesce(n.seenIn, []) WHERE c IN $scope) OR EXISTS { (n)-[:IN_REGION]->(g:Region) WHERE g.code IN $scope })
  WITH n, score
  ORDER BY score DESC, n.key
  SKIP $skip
  LIMIT $limit
  RETURN collect({
           node: n {.key, .name, .title, .text, .caseNo, .aliases, .uscc, .idMasked, .platform, .masked, .channel,
                    .waybillNo, .courierName, .txId},
           labels: labels(n),
           located: [(n)-[:IN_REGION]->(rg:Region) | rg.code],
           seenIn: [code IN coalesce(n.seenIn, []) WHERE code IN $scope],
           score: score
         }) AS page
}
RETURN page, size(found) AS hits
