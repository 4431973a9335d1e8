// The communities of one complete run (the current one when $runId is null) that have at least one
// member inside the caller's region scope, best score first. The manufacturer is named only when it
// is itself in scope.
// params: $runId STRING?, $flaggedOnly BOOLEAN, $skip INTEGER, $limit INTEGER, $scope LIST<STRING>
// columns: runId STRING, id STRING, number INTEGER, score FLOAT, flagged BOOLEAN, size INTEGER, consumers INTEGER,
//          stages LIST<STRING>, regions LIST<STRING>, brands LIST<STRING>, caseCount INTEGER,
//          manufacturer STRING?, manufacturerName STRING?, firstSeen STRING?, lastSeen STRING?, visibleMembers INTEGER
MATCH (r:DetectionRun {status: 'complete'})
WHERE ($runId IS NULL AND r.current) OR r.id = $runId
MATCH (c:Community)-[:IN_RUN]->(r)
WHERE (NOT $flaggedOnly OR c.flagged)
WITH r, c, COUNT {
  MATCH (n)-[:MEMBER_OF]->(c)
  WHERE any(x IN coalesce(n.seenIn, []) WHERE x IN $scope)
     OR EXISTS { (n)-[:IN_REGION]->(g:Region) WHERE g.code IN $scope }
} AS visibleMembers
WHERE visibleMembers > 0
OPTIONAL MATCH (m)-[:MEMBER_OF]->(c)
WHERE m.key = c.manufacturer
  AND (any(x IN coalesce(m.seenIn, []) WHERE x IN $scope)
   OR EXISTS { (m)-[:IN_REGION]->(g:Region) WHERE g.code IN $scope })
RETURN r.id AS runId, c.id AS id, c.number AS number, c.score AS score, c.flagged AS flagged, c.size AS size,
       c.consumers AS consumers, c.stages AS stages, c.regions AS regions, c.brands AS brands,
       size(c.cases) AS caseCount, m.key AS manufacturer, CASE WHEN m IS NULL THEN null ELSE c.manufacturerName END AS manufacturerName,
       c.firstSeen AS firstSeen, c.lastSeen AS lastSeen, visibleMembers
ORDER BY c.number
SKIP $skip
LIMIT $limit
