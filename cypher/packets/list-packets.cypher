// Packets addressed to a region in the caller's scope, newest first (no content, only what it is).
// params: $scope LIST<STRING>, $limit INTEGER
// columns: packet MAP
MATCH (p:Packet)
WHERE p.toRegion IN $scope
WITH p ORDER BY p.storedAt DESC, p.id
LIMIT $limit
RETURN p {.id, .toRegion, .toName, .issuerRegion, .issuerName, .purpose, .redaction, .subjectTitle, .entities,
          .exportedBy, issuedAt: toString(p.issuedAt), storedAt: toString(p.storedAt)} AS packet
