// An administrator's change to one account. A null parameter leaves its field as it is. A new
// password hash, or $unlock, clears the failed sign-ins and any lock-out. A new password or
// disabling the account ends its sessions, all but $keepSession (the acting admin's own, when they
// change their own password); other processes stop honouring a cached one within seconds, and
// get-session refuses a disabled account. `sessionsEnded` counts the live ones among them. No row:
// there is no such account.
// params: $username STRING, $displayName STRING?, $role STRING?, $regions LIST<STRING>?, $disabled BOOLEAN?,
//         $unlock BOOLEAN, $passwordHash STRING?, $updatedBy STRING, $keepSession STRING?
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
  WHERE ($passwordHash IS NOT NULL OR $disabled = true) AND s.id <> coalesce($keepSession, '')
  WITH s, s.expiresAt > datetime() AS live
  DETACH DELETE s
  RETURN count(CASE WHEN live THEN 1 END) AS sessionsEnded
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
