// Records, in the same transaction as a chunk's facts, the last source line the chunk covered, so
// a resumed load skips exactly what was committed.
// params: $id STRING, $line INTEGER
// columns: rowsCommitted INTEGER
MATCH (b:Batch {id: $id})
SET b.rowsCommitted = $line
RETURN b.rowsCommitted AS rowsCommitted
