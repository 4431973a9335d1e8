// Before a change that may take an administrator away: takes the write lock of every admin account,
// in username order (two such changes at once then run one after the other, without a deadlock),
// so the count that follows (count-enabled-admins) cannot be made stale by another change.
// params: (none)
// columns: locked INTEGER
MATCH (a:User)
WHERE a.role = 'admin'
WITH a
ORDER BY a.username
SET a.role = a.role
RETURN count(a) AS locked
