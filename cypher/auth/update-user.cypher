// An administrator's change to one account. A null parameter leaves its field as it is. A new
// password hash, or $unlock, clears the failed sign-ins and any lock-out. A new password or
// disabling the account ends its sessions (other processes stop honouring a cached one within
// seconds; get-session also refuses a disabled account). No row: there is no such account.
// params: $username STRING, $displayName STRING?, $role STRING?, $regions LIST<STRING>?, $disabled BOOLEAN?,
//         $unlock BOOLEAN, $passwordHash STRING?, $updatedBy STRING
// columns: username STRING, displayName STRING, role STRING, regions LIST<STRING>, createdAt STRING,
//          lastLoginAt STRING?, lockedUntil STRING?, disabled BOOLEAN, sessionsEnded INTEGER
MATCH (u:User {username: $username})
SET u.displayName = coalesce($displayName, u.displayName),
    u.role = coalesce($role, u.role),
    u.regions = coalesce($regions, u.regions),
    u.disabled = coalesce($disabled, u.disabled, false),
    u.passwordHash = coalesce($passwordHash, u.passwordHash),
    u.failedLogins = CASE WHEN $unlock OR $passwordHash IS NOT NULL THEN 0 ELSE u.failedLogins END,
    u.lockedUntil = CASE WHEN $unlock OR $passwordHash IS NOT NULL THEN null ELSE u.lockedUntil END,
    u.updatedAt = datetime(),
    u.updatedBy = $updatedBy
WITH u
CALL (u) {
  OPTIONAL MATCH (s:Session)-[:OF_USER]->(u)
  WHERE $passwordHash IS NOT NULL OR $disabled = true
  DETACH DELETE s
  RETURN count(s) AS sessionsEnded
}
RETURN u.username AS username,
       u.displayName AS displayName,
       u.role AS role,
       u.regions AS regions,
       toString(u.createdAt) AS createdAt,
       toString(u.lastLoginAt) AS lastLoginAt,
       toString(u.lockedUntil) AS lockedUntil,
       coalesce(u.disabled, false) AS disabled,
       sessionsEnded
