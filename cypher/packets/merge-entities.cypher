// Entities of label {{LABEL}} from a packet. A new key is created with the packet's properties; a key
// this graph already holds keeps every local property — the packet only adds who shared it
// (`sharedBy`), the receiving region (`seenIn`, for region scope) and its packet row (`src`).
// params: $rows LIST<MAP>, $issuer STRING, $region STRING
// columns: merged INTEGER
UNWIND $rows AS row
MERGE (n:{{LABEL}} {key: row.key})
ON CREATE SET n += row.props, n.name = row.name
SET n.sharedBy = CASE WHEN $issuer IN coalesce(n.sharedBy, []) THEN n.sharedBy ELSE coalesce(n.sharedBy, []) + $issuer END,
    n.seenIn = CASE WHEN $region IN coalesce(n.seenIn, []) THEN n.seenIn ELSE coalesce(n.seenIn, []) + $region END,
    n.src = CASE WHEN row.src IN coalesce(n.src, []) THEN n.src ELSE coalesce(n.src, []) + row.src END
RETURN count(n) AS merged
