// Every MEMBER_OF link of one complete run (party key → community id), for comparing two runs.
// params: $runId STRING, $limit INTEGER
// columns: key STRING, community STRING
MATCH (:DetectionRun {id: $runId, status: 'complete'})<-[:IN_RUN]-(c:Community)<-[:MEMBER_OF]-(p)
RETURN p.key AS key, c.id AS community
LIMIT $limit
