// Marks a Batch complete with its reconciled counts (total = accepted + rejected + duplicate).
// params: $id STRING, $total INTEGER, $accepted INTEGER, $rejected INTEGER, $duplicate INTEGER, $nodes INTEGER, $relationships INTEGER, $rejectsFile STRING
// columns: id STRING, loadedAt STRING
MATCH (b:Batch {id: $id})
SET b.status = 'complete', b.loadedAt = datetime(), b.total = $total, b.accepted = $accepted,
    b.rejected = $rejected, b.duplicate = $duplicate, b.nodes = $nodes, b.relationships = $relationships,
    b.rejectsFile = $rejectsFile
RETURN b.id AS id, toString(b.loadedAt) AS loadedAt
