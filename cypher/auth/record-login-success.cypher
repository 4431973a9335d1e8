// A successful login clears the failure count and the lock.
// params: $username STRING
// columns: username STRING
MATCH (u:User {username: $username})
SET u.failedLogins = 0, u.lockedUntil = null, u.lastLoginAt = datetime()
RETURN u.username AS username
