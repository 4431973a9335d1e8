// The heartbeat of a running run (while it reads and computes): a run without one for a while is
// taken for dead and cleaned up. Returns 0 when the run is no longer running (cleaned up, failed).
// params: $id STRING
// columns: alive INTEGER
OPTIONAL MATCH (r:DetectionRun {id: $id, status: 'running'})
SET r.updatedAt = datetime()
RETURN count(r) AS alive
