// The running process's report on its job: the state (JSON), the status, and that it is alive.
// Answers whether someone has asked for the job to be cancelled (from any process).
// params: $id STRING, $state STRING, $status STRING
// columns: cancel BOOLEAN
MATCH (j:Job {id: $id})
SET j.state = $state,
    j.status = $status,
    j.heartbeatAt = datetime(),
    j.finishedAt = CASE WHEN $status = 'running' THEN null ELSE datetime() END
RETURN j.cancel AS cancel
