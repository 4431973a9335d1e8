// A live session with its account (role and regions as they are now, so a changed or disabled
// account takes effect at once).
// params: $id STRING
// columns: username STRING, displayName STRING, role STRING, regions LIST<STRING>, csrf STRING, expiresAt STRING
MATCH (s:Session {id: $id})-[:OF_USER]->(u:User)
WHERE s.expiresAt > datetime() AND NOT coalesce(u.disabled, false)
RETURN u.username AS username,
       u.displayName AS displayName,
       u.role AS role,
       u.regions AS regions,
       s.csrf AS csrf,
       toString(s.expiresAt) AS expiresAt
