// Registers a background job run by the calling process, with its first state (the API's view of
// the job, as JSON). For an exclusive kind (detection: one run at a time) the job is not opened
// while another job of that kind runs and has been heard from within $staleSeconds; the check runs
// under the kind's lock (its JobKind node), so two processes starting at once cannot both pass it.
// Times are Neo4j's clock, so processes on hosts whose clocks disagree judge staleness alike.
// params: $id STRING, $kind STRING, $owner STRING, $state STRING, $exclusive BOOLEAN, $staleSeconds INTEGER
// columns: opened BOOLEAN, running STRING?
MERGE (k:JobKind {kind: $kind})
SET k.lockedAt = datetime()
WITH k
OPTIONAL MATCH (other:Job {kind: $kind, status: 'running'})
  WHERE $exclusive AND other.heartbeatAt >= datetime() - duration({seconds: $staleSeconds})
WITH collect(other.id)[0] AS running
CALL (running) {
  WITH running
  WHERE running IS NULL
  CREATE (j:Job {
    id: $id,
    kind: $kind,
    owner: $owner,
    status: 'running',
    state: $state,
    cancel: false,
    startedAt: datetime(),
    heartbeatAt: datetime()
  })
  RETURN count(j) AS created
}
RETURN created = 1 AS opened, running
