// Where a trace starts: a party by key, or a parcel (by key or waybill number) whose sender is the
// starting party and whose date bounds the first hop. Only inside the caller's region scope.
// params: $key STRING, $scope LIST<STRING>
// columns: kind STRING, key STRING, label STRING, name STRING?, at STRING?, party STRING?, partyLabel STRING?, partyName STRING?
CALL () {
  MATCH (n:Company {key: $key}) RETURN n
  UNION
  MATCH (n:Person {key: $key}) RETURN n
  UNION
  MATCH (n:Shop {key: $key}) RETURN n
  UNION
  MATCH (n:Shipment {key: $key}) RETURN n
  UNION
  MATCH (n:Shipment {waybillNo: $key}) RETURN n
}
WITH n
WHERE any(c IN coalesce(n.seenIn, []) WHERE c IN $scope)
   OR EXISTS { (n)-[:IN_REGION]->(g:Region) WHERE g.code IN $scope }
OPTIONAL MATCH (n:Shipment)-[:SENT_BY]->(sender)
WHERE any(c IN coalesce(sender.seenIn, []) WHERE c IN $scope)
   OR EXISTS { (sender)-[:IN_REGION]->(g:Region) WHERE g.code IN $scope }
WITH n, sender
LIMIT 1
RETURN CASE WHEN n:Shipment THEN 'shipment' ELSE 'party' END AS kind,
       n.key AS key, labels(n)[0] AS label, coalesce(n.name, n.waybillNo) AS name,
       CASE WHEN n:Shipment THEN left(toString(n.shippedAt), 19) ELSE null END AS at,
       sender.key AS party, labels(sender)[0] AS partyLabel, sender.name AS partyName
