// Source batches behind a packet's records, as a provenance summary (no rows, no file contents).
// params: $ids LIST<STRING>
// columns: batch MAP
UNWIND $ids AS id
MATCH (b:Batch {id: id})
RETURN b {.id, .file, .sourceSystem, .dept, .regionCode} AS batch
