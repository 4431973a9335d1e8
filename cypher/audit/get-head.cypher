// The chain head: the last sequence number and its hash (read after lock-head, under its lock).
// params: (none)
// columns: seq INTEGER, hash STRING
MATCH (h:AuditHead {id: 'audit'})
RETURN h.seq AS seq, h.hash AS hash
