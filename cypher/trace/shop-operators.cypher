// The operators of a shop (persons or firms that OPERATE it), inside the caller's region scope: a
// platform shop receives no parcels itself, its operator does, so a trace from a shop starts there.
// params: $key STRING, $scope LIST<STRING>
// columns: key STRING, label STRING, name STRING?
MATCH (s:Shop {key: $key})<-[:OPERATES]-(o)
WHERE any(c IN coalesce(o.seenIn, []) WHERE c IN $scope)
   OR EXISTS { (o)-[:IN_REGION]->(g:Region) WHERE g.code IN $scope }
RETURN o.key AS key, labels(o)[0] AS label, o.name AS name
ORDER BY o.key
LIMIT 10
