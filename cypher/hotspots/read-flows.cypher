// Hotspots, goods side: parcels sent in [$from, $to) inside the caller's region scope, counted by
// the region of the sending address and of the receiving address (the cross-region flow matrix;
// same-region parcels are counted too, as the matrix diagonal).
// params: $from STRING, $to STRING, $scope LIST<STRING>
// columns: from STRING, to STRING, shipments INTEGER, pieces FLOAT
MATCH (s:Shipment)
WHERE s.shippedAt >= $from AND s.shippedAt < $to
  AND any(x IN coalesce(s.seenIn, []) WHERE x IN $scope)
MATCH (s)-[:FROM_ADDR]->(a:Address), (s)-[:TO_ADDR]->(b:Address)
WITH a.regionCode AS from, b.regionCode AS to, s
WHERE from IS NOT NULL AND to IS NOT NULL
RETURN from, to, count(s) AS shipments, sum(coalesce(toFloat(s.pieces), 1.0)) AS pieces
