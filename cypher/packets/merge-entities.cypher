// Entities of label {{LABEL}} from a packet. A new key is created with the packet's properties and
// opened to the receiving region (`seenIn`). A key this graph already holds keeps every local
// property — the packet only adds who shared it (`sharedBy`) and its packet row (`src`) — and is
// opened to the receiving region only when that region's scope ($scope) sees it already: a packet
// never opens another region's local record to the region it is addressed to (what the packet says
// of it stays readable in the packet). Whether a key is new is what MERGE did, not a look before it,
// so a record another load writes meanwhile counts as held. `held`: keys this graph held before;
// `withheld`: those of them left closed.
// params: $rows LIST<MAP>, $issuer STRING, $region STRING, $scope LIST<STRING>
// columns: merged INTEGER, held INTEGER, withheld INTEGER
UNWIND $rows AS row
MERGE (n:{{LABEL}} {key: row.key})
ON CREATE SET n += row.props, n.name = row.name, n.seenIn = [$region], n.packetCreated = true
WITH row, n, coalesce(n.packetCreated, false) AS created
WITH row, n, created,
     created
       OR any(c IN coalesce(n.seenIn, []) WHERE c IN $scope)
       OR EXISTS { (n)-[:IN_REGION]->(g:Region) WHERE g.code IN $scope } AS open
SET n.sharedBy = CASE WHEN $issuer IN coalesce(n.sharedBy, []) THEN n.sharedBy ELSE coalesce(n.sharedBy, []) + $issuer END,
    n.seenIn = CASE WHEN NOT open OR $region IN coalesce(n.seenIn, []) THEN n.seenIn ELSE coalesce(n.seenIn, []) + $region END,
    n.src = CASE WHEN row.src IN coalesce(n.src, []) THEN n.src ELSE coalesce(n.src, []) + row.src END
REMOVE n.packetCreated
RETURN count(n) AS merged, count(CASE WHEN NOT created THEN 1 END) AS held, count(CASE WHEN NOT open THEN 1 END) AS withheld
