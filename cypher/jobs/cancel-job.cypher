// Asks for a running job to be cancelled; its process sees the request at its next report.
// params: $id STRING
// columns: requested BOOLEAN
MATCH (j:Job {id: $id})
SET j.cancel = j.cancel OR j.status = 'running'
RETURN j.cancel AS requested
