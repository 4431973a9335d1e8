// Records, in the same transaction as a chunk's facts, the last source line the chunk covered (so
// a resumed load skips exactly what was committed) and adds the chunk's fact counts.
// params: $id STRING, $line INTEGER, $entities INTEGER, $relationships INTEGER
// columns: rowsCommitted INTEGER
MATCH (b:Batch {id: $id})
SET b.rowsCommitted = $line,
    b.nodes = coalesce(b.nodes, 0) + $entities,
    b.relationships = coalesce(b.relationships, 0) + $relationships
RETURN b.rowsCommitted AS rowsCommitted
