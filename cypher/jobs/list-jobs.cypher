// The newest jobs of a kind, of one owner ($owner) or of everyone ($owner null), as get-job reads
// one: a job that says it is running but whose process has not been heard from within $staleSeconds
// is `stale`. Jobs are pruned after their keep period, so the scan over a kind stays short.
// params: $kind STRING, $owner STRING?, $staleSeconds INTEGER, $limit INTEGER
// columns: id STRING, owner STRING, state STRING, stale BOOLEAN, heartbeatAt STRING
MATCH (j:Job)
  WHERE j.kind = $kind AND ($owner IS NULL OR j.owner = $owner)
WITH j
  ORDER BY j.startedAt DESC, j.id
  LIMIT $limit
RETURN j.id AS id,
       j.owner AS owner,
       j.state AS state,
       j.status = 'running' AND j.heartbeatAt < datetime() - duration({seconds: $staleSeconds}) AS stale,
       toString(j.heartbeatAt) AS heartbeatAt
