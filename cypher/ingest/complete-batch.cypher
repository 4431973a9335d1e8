// Marks a Batch complete with its reconciled counts (total = accepted + rejected + duplicate).
// Fact counts were added chunk by chunk (commit-chunk), so a resumed load ends with the same totals.
// params: $id STRING, $total INTEGER, $accepted INTEGER, $rejected INTEGER, $duplicate INTEGER, $rejectsFile STRING
// columns: id STRING, loadedAt STRING
MATCH (b:Batch {id: $id})
SET b.status = 'complete', b.loadedAt = datetime(), b.total = $total, b.accepted = $accepted,
    b.rejected = $rejected, b.duplicate = $duplicate, b.rejectsFile = $rejectsFile
RETURN b.id AS id, toString(b.loadedAt) AS loadedAt
