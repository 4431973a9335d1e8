// One page of the chain in order, for verification.
// params: $after INTEGER, $limit INTEGER
// columns: id STRING, seq INTEGER, at STRING, actor STRING, role STRING, action STRING, outcome STRING, target STRING?, reason STRING?, detail STRING, ip STRING?, requestId STRING?, prevHash STRING, hash STRING
MATCH (a:AuditEvent)
WHERE a.seq > $after
WITH a
ORDER BY a.seq
LIMIT $limit
RETURN a.id AS id, a.seq AS seq, a.at AS at, a.actor AS actor, a.role AS role, a.action AS action,
       a.outcome AS outcome, a.target AS target, a.reason AS reason, a.detail AS detail, a.ip AS ip,
       a.requestId AS requestId, a.prevHash AS prevHash, a.hash AS hash
