// One saved investigation, when the caller owns it or it is shared and the caller's region scope
// covers every region it was saved with; otherwise no row, exactly as for an id that does not exist.
// params: $id STRING, $username STRING, $scope LIST<STRING>
// columns: id STRING, owner STRING, title STRING, notes STRING, state STRING, shared BOOLEAN,
//          regions LIST<STRING>, version INTEGER, nodeCount INTEGER, createdAt STRING, updatedAt STRING
MATCH (i:Investigation {id: $id})
WHERE i.owner = $username
   OR (i.shared AND size(i.regions) > 0 AND all(c IN i.regions WHERE c IN $scope))
RETURN i.id AS id, i.owner AS owner, i.title AS title, i.notes AS notes, i.state AS state, i.shared AS shared,
       i.regions AS regions, i.version AS version, i.nodeCount AS nodeCount,
       toString(i.createdAt) AS createdAt, toString(i.updatedAt) AS updatedAt
