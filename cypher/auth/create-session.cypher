// Opens a session: stored under the SHA-256 of the cookie token (the token itself is never stored),
// with its CSRF token and expiry.
// params: $id STRING, $username STRING, $csrf STRING, $ttlSeconds INTEGER, $ip STRING?, $userAgent STRING?
// columns: expiresAt STRING
MATCH (u:User {username: $username})
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
