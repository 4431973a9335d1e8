// Counts a failed password for an existing account; at $maxFailures consecutive failures the account
// is locked until now + $lockSeconds (and the count starts again). Counted in the database, so every
// API process sees the same lock-out.
// params: $username STRING, $maxFailures INTEGER, $lockSeconds INTEGER
// columns: failedLogins INTEGER, lockedUntil STRING?
MATCH (u:User {username: $username})
WITH u, coalesce(u.failedLogins, 0) + 1 AS failures
SET u.failedLogins = CASE WHEN failures >= $maxFailures THEN 0 ELSE failures END,
    u.lockedUntil = CASE WHEN failures >= $maxFailures THEN datetime() + duration({seconds: $lockSeconds}) ELSE u.lockedUntil END
RETURN failures AS failedLogins, toString(u.lockedUntil) AS lockedUntil
