// Every account (for admins and the CLI), without password hashes.
// params: (none)
// columns: username STRING, displayName STRING, role STRING, regions LIST<STRING>, createdAt STRING, lastLoginAt STRING?, lockedUntil STRING?, disabled BOOLEAN
MATCH (u:User)
RETURN u.username AS username,
       u.displayName AS displayName,
       u.role AS role,
       u.regions AS regions,
       toString(u.createdAt) AS createdAt,
       toString(u.lastLoginAt) AS lastLoginAt,
       toString(u.lockedUntil) AS lockedUntil,
       coalesce(u.disabled, false) AS disabled
ORDER BY u.username
