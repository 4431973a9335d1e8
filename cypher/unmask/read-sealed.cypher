// The sealed (AES-GCM) personal identifier of one entity of {{LABEL}} (whitelist: Person, Phone,
// Account), only when the caller's region scope covers it; the caller decrypts and audits.
// params: $key STRING, $property STRING, $scope LIST<STRING>
// columns: key STRING, sealed STRING?, masked STRING?
MATCH (n:{{LABEL}} {key: $key})
WHERE any(c IN coalesce(n.seenIn, []) WHERE c IN $scope)
   OR EXISTS { (n)-[:IN_REGION]->(g:Region) WHERE g.code IN $scope }
RETURN n.key AS key, n[$property] AS sealed, coalesce(n.idMasked, n.masked) AS masked
