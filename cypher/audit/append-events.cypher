// Appends hash-chained events (computed by audit/log.ts under the head's lock) and moves the head.
// Events are created, never updated or deleted, by anything in this code base.
// params: $events LIST<MAP>, $seq INTEGER, $hash STRING
// columns: appended INTEGER
UNWIND $events AS e
CREATE (a:AuditEvent)
SET a = e
WITH count(a) AS appended
MATCH (h:AuditHead {id: 'audit'})
SET h.seq = $seq, h.hash = $hash
RETURN appended
