// Appends hash-chained events in one statement when the caller knows the chain's head. It first
// takes the head's write lock (creating the head on first use), so appends from every API process
// are serialised here and the chain never forks. Under that lock, if the head is the one the events
// were chained onto ($expectSeq, $expectHash), they are created and the head moves to $seq/$hash;
// if not (another process appended since), nothing is written and the current head is returned:
// the caller chains the events onto it and appends them with append-events, still under the lock.
// Events are created, never updated or deleted, by anything in this code base.
// params: $genesis STRING, $expectSeq INTEGER, $expectHash STRING, $events LIST<MAP>, $seq INTEGER, $hash STRING
// columns: current BOOLEAN, seq INTEGER, hash STRING
MERGE (h:AuditHead {id: 'audit'})
  ON CREATE SET h.seq = 0, h.hash = $genesis
SET h.writes = coalesce(h.writes, 0) + 1
WITH h, h.seq = $expectSeq AND h.hash = $expectHash AS current
CALL (h, current) {
  UNWIND CASE WHEN current THEN $events ELSE [] END AS e
  CREATE (a:AuditEvent)
  SET a = e
  RETURN count(a) AS appended
}
SET h.seq = CASE WHEN current THEN $seq ELSE h.seq END,
    h.hash = CASE WHEN current THEN $hash ELSE h.hash END
RETURN current, h.seq AS seq, h.hash AS hash
