// Deletes up to $batchSize data nodes with their relationships (`quanlian reset`). The migration
// ledger stays, as does the schema; the caller repeats until nothing is deleted, so no single
// transaction grows with the database.
// params: $batchSize INTEGER
// columns: deleted INTEGER
MATCH (n)
WHERE NOT n:Migration
WITH n LIMIT $batchSize
DETACH DELETE n
RETURN count(*) AS deleted
