// Removes up to $limit baseline rows written by `bench:ingest`.
// params: $limit INTEGER
// columns: deleted INTEGER
MATCH (n:BenchRawRow)
WITH n LIMIT $limit
DELETE n
RETURN count(*) AS deleted
