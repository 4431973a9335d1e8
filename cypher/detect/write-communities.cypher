// Writes one batch of a running run's communities (members are written per label by
// write-members). The run's updatedAt is the heartbeat that tells a live run from a dead one.
// params: $runId STRING, $rows LIST<MAP> (id, number, props)
// columns: written INTEGER
MATCH (r:DetectionRun {id: $runId, status: 'running'})
SET r.updatedAt = datetime()
WITH r
UNWIND $rows AS row
CREATE (c:Community {id: row.id})
SET c += row.props, c.runId = $runId, c.number = row.number
CREATE (c)-[:IN_RUN]->(r)
RETURN count(c) AS written
