// Lists applied migrations.
// params: none
// columns: id STRING, checksum STRING, appliedAt STRING (ISO-8601)
MATCH (m:Migration)
RETURN m.id AS id, m.checksum AS checksum, toString(m.appliedAt) AS appliedAt
ORDER BY id
