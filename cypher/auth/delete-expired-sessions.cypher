// Housekeeping: sessions past their expiry, a bounded number at a time.
// params: $limit INTEGER
// columns: deleted INTEGER
MATCH (s:Session)
WHERE s.expiresAt <= datetime()
WITH s LIMIT $limit
DETACH DELETE s
RETURN count(*) AS deleted
