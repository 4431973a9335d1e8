// Records one applied migration file in the ledger.
// params: $id STRING (file name without .cypher), $checksum STRING (sha256 of the file)
// columns: id STRING
MERGE (m:Migration {id: $id})
  ON CREATE SET m.checksum = $checksum, m.appliedAt = datetime()
RETURN m.id AS id
