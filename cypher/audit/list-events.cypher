// The audit log for admins, newest first, filtered by actor, action prefix, outcome and time; keyset
// paging on seq ($before: the last seq of the previous page).
// params: $before INTEGER, $limit INTEGER, $actor STRING?, $action STRING?, $outcome STRING?, $since STRING?, $until STRING?
// columns: id STRING, seq INTEGER, at STRING, actor STRING, role STRING, action STRING, outcome STRING, target STRING?, reason STRING?, detail STRING, ip STRING?, requestId STRING?, hash STRING
MATCH (a:AuditEvent)
WHERE a.seq < $before
  AND ($actor IS NULL OR a.actor = $actor)
  AND ($action IS NULL OR a.action STARTS WITH $action)
  AND ($outcome IS NULL OR a.outcome = $outcome)
  AND ($since IS NULL OR a.at >= $since)
  AND ($until IS NULL OR a.at < $until)
WITH a
ORDER BY a.seq DESC
LIMIT $limit
RETURN a.id AS id, a.seq AS seq, a.at AS at, a.actor AS actor, a.role AS role, a.action AS action,
       a.outcome AS outcome, a.target AS target, a.reason AS reason, a.detail AS detail, a.ip AS ip,
       a.requestId AS requestId, a.hash AS hash
