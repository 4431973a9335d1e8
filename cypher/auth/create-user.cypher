// Creates one account; the username's uniqueness constraint refuses a second with the same name.
// params: $username STRING, $displayName STRING, $role STRING, $regions LIST<STRING>, $passwordHash STRING, $createdBy STRING
// columns: username STRING
CREATE (u:User {
  username: $username,
  displayName: $displayName,
  role: $role,
  regions: $regions,
  passwordHash: $passwordHash,
  createdAt: datetime(),
  createdBy: $createdBy,
  failedLogins: 0,
  disabled: false
})
RETURN u.username AS username
