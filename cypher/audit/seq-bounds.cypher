// The sequence range of a time window: for each bound ($since as lo, $until as hi), the first event
// (in time, then sequence) at or after it, one step along the at index. Appends keep `at` in
// sequence order (server/audit/log.ts), so the window's events are those from lo up to, not
// including, hi. A null seq: no event at or after that time (or no such filter).
// params: $since STRING?, $until STRING?
// columns: bound STRING, seq INTEGER?
UNWIND [{bound: 'lo', at: $since}, {bound: 'hi', at: $until}] AS b
CALL (b) {
  MATCH (a:AuditEvent)
  WHERE a.at >= b.at
  WITH a
  ORDER BY a.at, a.seq
  LIMIT 1
  RETURN collect(a.seq) AS first
}
RETURN b.bound AS bound, first[0] AS seq
