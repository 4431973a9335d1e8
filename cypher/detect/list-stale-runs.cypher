// Runs to clean up before a new run starts: runs left "running" by a process that died (no
// heartbeat for $staleSeconds), and failed or cancelled runs that still have communities (their
// clean-up was interrupted).
// params: $staleSeconds INTEGER
// columns: id STRING, status STRING
MATCH (r:DetectionRun)
WHERE (r.status = 'running' AND r.updatedAt < datetime() - duration({seconds: $staleSeconds}))
   OR (r.status IN ['failed', 'cancelled'] AND EXISTS { (r)<-[:IN_RUN]-(:Community) })
RETURN r.id AS id, r.status AS status
