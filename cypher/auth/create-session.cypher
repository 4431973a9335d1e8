// Opens a session: stored under the SHA-256 of the cookie token (the token itself is never stored),
// with its CSRF token and expiry. Only while the account still has the password hash the sign-in
// checked and is not disabled: a reset or a disabling that lands between the check and this write
// leaves no session behind (no row).
// params: $id STRING, $username STRING, $passwordHash STRING, $csrf STRING, $ttlSeconds INTEGER, $ip STRING?,
//         $userAgent STRING?
// columns: expiresAt STRING
MATCH (u:User {username: $username})
WHERE u.passwordHash = $passwordHash AND NOT coalesce(u.disabled, false)
CREATE (s:Session {
  id: $id,
  username: $username,
  csrf: $csrf,
  createdAt: datetime(),
  expiresAt: datetime() + duration({seconds: $ttlSeconds}),
  ip: $ip,
  userAgent: $userAgent
})-[:OF_USER]->(u)
RETURN toString(s.expiresAt) AS expiresAt
