// One stored packet's signed content, only for a caller whose scope covers the region it is addressed to.
// params: $id STRING, $scope LIST<STRING>
// columns: json STRING
MATCH (p:Packet {id: $id})
WHERE p.toRegion IN $scope
RETURN p.json AS json
