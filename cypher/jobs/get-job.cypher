// A job as its process last reported it. `stale`: it says it is running, but its process has not
// been heard from within $staleSeconds (the process stopped; the job will not finish).
// params: $id STRING, $staleSeconds INTEGER
// columns: kind STRING, owner STRING, state STRING, stale BOOLEAN, heartbeatAt STRING
MATCH (j:Job {id: $id})
RETURN j.kind AS kind,
       j.owner AS owner,
       j.state AS state,
       j.status = 'running' AND j.heartbeatAt < datetime() - duration({seconds: $staleSeconds}) AS stale,
       toString(j.heartbeatAt) AS heartbeatAt
