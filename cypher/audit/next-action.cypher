// The first distinct action in [$low, $upper), one step along the (action, seq) index (the seq test
// lets the planner use it). The audit list's action filter is a prefix: from $low = the prefix and
// $upper = the prefix followed by U+FFFF, then again from just past each action found, this lists the
// prefix's actions one by one without reading their events. A range, not STARTS WITH, so the index
// seek starts at $low instead of reading every entry of the prefix.
// params: $low STRING, $upper STRING
// columns: action STRING
MATCH (a:AuditEvent)
WHERE a.action >= $low AND a.action < $upper AND a.seq IS NOT NULL
WITH a.action AS action
ORDER BY action
LIMIT 1
RETURN action
