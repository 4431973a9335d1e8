// Source batches behind a packet's records, as a provenance summary (no rows, no file contents):
// only batches a region in the exporter's scope reported, as entity detail names them; another
// region's file, department and system stay that region's to share.
// params: $ids LIST<STRING>, $scope LIST<STRING>
// columns: batch MAP
UNWIND $ids AS id
MATCH (b:Batch {id: id})
WHERE b.regionCode IN $scope
RETURN b {.id, .file, .sourceSystem, .dept, .regionCode} AS batch
