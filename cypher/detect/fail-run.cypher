// Marks a run that failed or was cancelled; its partial communities are removed by delete-run-communities.
// params: $id STRING, $status STRING ('failed' | 'cancelled'), $error STRING?
// columns: id STRING
MATCH (r:DetectionRun {id: $id})
WHERE r.status = 'running'
SET r.status = $status, r.error = $error, r.finishedAt = datetime(), r.updatedAt = datetime()
RETURN r.id AS id
