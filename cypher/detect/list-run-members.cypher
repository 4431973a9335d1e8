// Every MEMBER_OF link of one run (party key → community id), for comparing two runs.
// params: $runId STRING, $limit INTEGER
// columns: key STRING, community STRING
MATCH (c:Community {runId: $runId})<-[:MEMBER_OF]-(p)
RETURN p.key AS key, c.id AS community
LIMIT $limit
