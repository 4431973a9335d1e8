// The audit log for admins, newest first, driven by one filter: {{KEY}} (target, actor, outcome or action)
// equal to one of $values (one actor or outcome; each action that matches the action prefix). Each
// value's events come from the ({{KEY}}, seq) index in sequence order, backwards from $before and
// down to $from, and stop at $limit; the pages are merged. Every other filter is checked on each
// event, so the driving index is what bounds the read, and the answer is the same whichever drives.
// params: $values LIST<STRING>, $before INTEGER, $from INTEGER, $limit INTEGER, $target STRING?, $actor STRING?,
//         $action STRING?, $outcome STRING?, $since STRING?, $until STRING?
// columns: event MAP
UNWIND $values AS value
CALL (value) {
  MATCH (a:AuditEvent)
  WHERE a.{{KEY}} = value AND a.seq < $before AND a.seq >= $from
    AND ($target IS NULL OR a.target = $target)
    AND ($actor IS NULL OR a.actor = $actor)
    AND ($action IS NULL OR a.action STARTS WITH $action)
    AND ($outcome IS NULL OR a.outcome = $outcome)
    AND ($since IS NULL OR a.at >= $since)
    AND ($until IS NULL OR a.at < $until)
  WITH a
  ORDER BY a.{{KEY}} DESC, a.seq DESC
  LIMIT $limit
  RETURN a
}
WITH a
ORDER BY a.seq DESC
LIMIT $limit
RETURN a {.id, .seq, .at, .actor, .role, .action, .outcome, .target, .reason, .detail, .ip, .requestId, .hash} AS event
