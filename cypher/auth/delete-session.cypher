// Logout: the session is gone.
// params: $id STRING
// columns: deleted INTEGER
OPTIONAL MATCH (s:Session {id: $id})
DETACH DELETE s
RETURN count(s) AS deleted
