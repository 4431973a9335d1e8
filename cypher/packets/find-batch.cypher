// A batch by id: tells whether a packet was imported already.
// params: $id STRING
// columns: id STRING, loadedAt STRING
MATCH (b:Batch {id: $id})
RETURN b.id AS id, toString(b.loadedAt) AS loadedAt
