// Deletes the caller's own investigation; another user's (shared or not) is left alone.
// params: $id STRING, $owner STRING
// columns: deleted INTEGER
OPTIONAL MATCH (i:Investigation {id: $id})
WHERE i.owner = $owner
DETACH DELETE i
RETURN count(i) AS deleted
