// Migration 005: `seenIn` (the regions whose exports asserted an entity; ingest keeps it from now on)
// for entities loaded before it existed, from their provenance: the reporting regions of the
// batches named in `src` and `firstBatch`. Region scope (auth/scope.ts) reads it. Idempotent: only
// entities without `seenIn` are visited, in transactions of 10,000.
MATCH (n)
WHERE (n:Case OR n:Company OR n:Person OR n:Shop OR n:Address OR n:Phone OR n:Account OR n:Shipment OR n:Payment OR n:Brand)
  AND n.seenIn IS NULL
CALL (n) {
  WITH n, [s IN coalesce(n.src, []) | split(s, ':')[0]] + coalesce(n.firstBatch, []) AS ids
  OPTIONAL MATCH (b:Batch)
  WHERE b.id IN ids AND b.regionCode IS NOT NULL
  WITH n, collect(DISTINCT b.regionCode) AS codes
  SET n.seenIn = codes
} IN TRANSACTIONS OF 10000 ROWS;
