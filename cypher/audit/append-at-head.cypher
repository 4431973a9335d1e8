// Appends a group of hash-chained events, compare-and-append style, in one statement that is its
// own transaction. It first takes the head's write lock (creating the head on first use), so appends
// from every API process are serialised here and the chain never forks. Under that lock:
// - the head is the one the events were chained onto ($expectSeq, $expectHash): they are created
//   and the head moves to $seq/$hash (appended);
// - the group's first event is already stored: an earlier attempt of this same append committed
//   although its reply was lost, so nothing is written again (already);
// - otherwise another process appended since: nothing is written, and the caller chains the events
//   onto the head returned here and tries again.
// The head also keeps the last event's time ($at), which the caller chains the next events after, so
// `at` never goes back along the chain (the audit list finds a time window's sequence range by it).
// Events are created, never updated or deleted, by anything in this code base.
// params: $genesis STRING, $expectSeq INTEGER, $expectHash STRING, $events LIST<MAP>, $seq INTEGER, $hash STRING,
//         $at STRING
// columns: appended BOOLEAN, already BOOLEAN, seq INTEGER, hash STRING, at STRING?
MERGE (h:AuditHead {id: 'audit'})
  ON CREATE SET h.seq = 0, h.hash = $genesis
SET h.writes = coalesce(h.writes, 0) + 1
WITH h, EXISTS { MATCH (:AuditEvent {id: $events[0].id}) } AS already
WITH h, already, NOT already AND h.seq = $expectSeq AND h.hash = $expectHash AS appended
CALL (h, appended) {
  UNWIND CASE WHEN appended THEN $events ELSE [] END AS e
  CREATE (a:AuditEvent)
  SET a = e
  RETURN count(a) AS created
}
SET h.seq = CASE WHEN appended THEN $seq ELSE h.seq END,
    h.hash = CASE WHEN appended THEN $hash ELSE h.hash END,
    h.at = CASE WHEN appended THEN $at ELSE h.at END
RETURN appended, already, h.seq AS seq, h.hash AS hash, h.at AS at
