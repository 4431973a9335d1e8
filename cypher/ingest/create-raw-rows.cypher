// Baseline of `bench:ingest`: the same source rows written as bare nodes, with no validation, keys,
// merging or provenance — the floor that a real load is compared against.
// params: $rows LIST<MAP>
// columns: created INTEGER
UNWIND $rows AS row
CREATE (n:BenchRawRow)
SET n = row
RETURN count(*) AS created
