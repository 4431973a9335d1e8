// Runs left "running" by a process that died (no heartbeat for $staleSeconds): their partial
// communities are removed before a new run starts.
// params: $staleSeconds INTEGER
// columns: id STRING
MATCH (r:DetectionRun {status: 'running'})
WHERE r.updatedAt < datetime() - duration({seconds: $staleSeconds})
RETURN r.id AS id
