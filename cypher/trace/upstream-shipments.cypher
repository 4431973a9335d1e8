// One level of an upstream trace, goods side: for each frontier party, the parties that shipped to
// it no later than its own time bound ($frontier[i].before, an ISO date-time string with the
// tolerance already added), grouped by sender. Only senders and parcels inside the caller's region
// scope are seen. At most $perNode senders per party (most parcels first), 5 sample parcels each.
// At most $scan records are read per party (hubs — a platform account, a market stall's thousand
// buyers — would otherwise dominate the time of every trace that touches them).
// Infrastructure parties (payment platforms, couriers: $infrastructure, a regular expression over
// names from domain/infrastructure.ts) are not suppliers and are never followed.
// params: $frontier LIST<MAP {key STRING, before STRING}>, $scope LIST<STRING>, $perNode INTEGER, $scan INTEGER,
//         $infrastructure STRING
// columns: to STRING, from STRING, label STRING, name STRING?, count INTEGER, pieces FLOAT, first STRING?, last STRING?, items LIST<STRING>, samples LIST<MAP>
UNWIND $frontier AS f
CALL (f) {
  MATCH (p:Company {key: f.key}) RETURN p
  UNION
  MATCH (p:Person {key: f.key}) RETURN p
  UNION
  MATCH (p:Shop {key: f.key}) RETURN p
}
CALL (f, p) {
  MATCH (p)<-[:SENT_TO]-(s:Shipment)-[:SENT_BY]->(u)
  WHERE u <> p
    AND NOT coalesce(u.name, '') =~ $infrastructure
    AND left(toString(s.shippedAt), 19) <= f.before
    AND (any(c IN coalesce(s.seenIn, []) WHERE c IN $scope)
         OR EXISTS { (s)-[:IN_REGION]->(g:Region) WHERE g.code IN $scope })
    AND (any(c IN coalesce(u.seenIn, []) WHERE c IN $scope)
         OR EXISTS { (u)-[:IN_REGION]->(g:Region) WHERE g.code IN $scope })
  WITH u, s LIMIT $scan
  // Samples stay references until the cut to $perNode senders; only theirs are read.
  WITH u, count(s) AS count, sum(coalesce(toFloat(s.pieces), 1.0)) AS pieces,
       min(left(toString(s.shippedAt), 19)) AS first, max(left(toString(s.shippedAt), 19)) AS last,
       collect(DISTINCT s.itemDesc)[0..5] AS items, collect(s)[0..5] AS sample
  ORDER BY count DESC, u.key
  LIMIT $perNode
  RETURN u, count, pieces, first, last, items,
         [s IN sample | {key: s.key, at: left(toString(s.shippedAt), 19), item: s.itemDesc, pieces: toFloat(s.pieces),
                         waybill: s.waybillNo, src: coalesce(s.src, [])[0..3]}] AS samples
}
RETURN f.key AS to, u.key AS from, labels(u)[0] AS label, u.name AS name, count, pieces, first, last, items, samples
