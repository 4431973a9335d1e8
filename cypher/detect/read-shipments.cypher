// Detection projection: every shipment with its senders and recipients (parties; normally one
// each), in key order (a range seek on the key's unique index: no sort; a node without a string key
// is skipped), as pages of $page shipments: one row per page holding one list per shipment (a row
// per shipment would cost Bolt and the driver several times what the values themselves do).
// Shipments without both ends carry no flow between parties (the caller counts and skips them).
// params: $page INTEGER
// columns: rows LIST<[key STRING, from LIST<STRING>, to LIST<STRING>, at STRING?, pieces FLOAT?, item STRING?]>
MATCH (s:Shipment)
WHERE s.key > ''
WITH s
ORDER BY s.key
WITH collect(s) AS shipments
UNWIND range(0, size(shipments) - 1, $page) AS first
CALL (shipments, first) {
  UNWIND shipments[first..first + $page] AS s
  RETURN collect([s.key, [(s)-[:SENT_BY]->(a) WHERE a.key IS NOT NULL | a.key],
                  [(s)-[:SENT_TO]->(b) WHERE b.key IS NOT NULL | b.key], toString(s.shippedAt),
                  toFloat(s.pieces), s.itemDesc]) AS rows
}
RETURN rows
