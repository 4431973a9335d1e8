// Removes jobs last heard from more than $keepDays days ago: finished ones, and running ones whose
// process stopped. At most $limit a call.
// params: $keepDays INTEGER, $limit INTEGER
// columns: removed INTEGER
MATCH (j:Job)
WHERE j.heartbeatAt < datetime() - duration({days: $keepDays})
WITH j
LIMIT $limit
DETACH DELETE j
RETURN count(*) AS removed
