// Enabled administrator accounts (read after lock-admins, in the same transaction).
// params: (none)
// columns: admins INTEGER
MATCH (a:User)
WHERE a.role = 'admin' AND NOT coalesce(a.disabled, false)
RETURN count(a) AS admins
