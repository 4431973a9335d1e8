// The communities of one complete run (the current one when $runId is null), best score first.
// params: $runId STRING?, $flaggedOnly BOOLEAN, $skip INTEGER, $limit INTEGER
// columns: runId STRING, id STRING, number INTEGER, score FLOAT, flagged BOOLEAN, size INTEGER, consumers INTEGER,
//          stages LIST<STRING>, regions LIST<STRING>, brands LIST<STRING>, caseCount INTEGER,
//          manufacturer STRING?, manufacturerName STRING?, firstSeen STRING?, lastSeen STRING?
MATCH (r:DetectionRun {status: 'complete'})
WHERE ($runId IS NULL AND r.current) OR r.id = $runId
MATCH (c:Community)-[:IN_RUN]->(r)
WHERE NOT $flaggedOnly OR c.flagged
RETURN r.id AS runId, c.id AS id, c.number AS number, c.score AS score, c.flagged AS flagged, c.size AS size,
       c.consumers AS consumers, c.stages AS stages, c.regions AS regions, c.brands AS brands,
       size(c.cases) AS caseCount, c.manufacturer AS manufacturer, c.manufacturerName AS manufacturerName,
       c.firstSeen AS firstSeen, c.lastSeen AS lastSeen
ORDER BY c.number
SKIP $skip
LIMIT $limit
