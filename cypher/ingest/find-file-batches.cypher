// The batches of one source file (by its sha256): one per reporting region that loaded it.
// params: $sha256 STRING
// columns: id STRING, regionCode STRING?
MATCH (b:Batch {sha256: $sha256})
RETURN b.id AS id, b.regionCode AS regionCode
ORDER BY b.id
