// Removes ledger entries (used when a migration's own objects are dropped, e.g. by tests).
// params: $ids LIST<STRING>
// columns: removed INTEGER
MATCH (m:Migration)
WHERE m.id IN $ids
DELETE m
RETURN count(*) AS removed
