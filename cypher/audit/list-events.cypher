// The audit log for admins, newest first, where no filter on actor, outcome or action picks the
// events: those in the sequence range [$from, $before), read backwards along the seq index. The
// range comes from the time filters (audit/seq-bounds) and the page cursor; the time filters are
// checked again on each event, so an event stored out of time order is never listed wrongly.
// params: $before INTEGER, $from INTEGER, $limit INTEGER, $since STRING?, $until STRING?
// columns: event MAP
MATCH (a:AuditEvent)
WHERE a.seq < $before AND a.seq >= $from
  AND ($since IS NULL OR a.at >= $since)
  AND ($until IS NULL OR a.at < $until)
WITH a
ORDER BY a.seq DESC
LIMIT $limit
RETURN a {.id, .seq, .at, .actor, .role, .action, .outcome, .target, .reason, .detail, .ip, .requestId, .hash} AS event
