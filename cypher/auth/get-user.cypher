// One account by username, with what login checks (hash, lock-out) and what a session carries.
// params: $username STRING
// columns: username STRING, displayName STRING, role STRING, regions LIST<STRING>, passwordHash STRING, failedLogins INTEGER, lockedUntil STRING?, disabled BOOLEAN
MATCH (u:User {username: $username})
RETURN u.username AS username,
       u.displayName AS displayName,
       u.role AS role,
       u.regions AS regions,
       u.passwordHash AS passwordHash,
       coalesce(u.failedLogins, 0) AS failedLogins,
       toString(u.lockedUntil) AS lockedUntil,
       coalesce(u.disabled, false) AS disabled
