// Detection runs, newest first, with their parameters and figures; one run when $id is given.
// params: $id STRING?, $limit INTEGER
// columns: id STRING, status STRING, current BOOLEAN, params STRING, startedAt STRING, finishedAt STRING?,
//          graphDigest STRING?, counts STRING?, timings STRING?, modularity FLOAT?, hubs STRING?, error STRING?
MATCH (r:DetectionRun)
WHERE $id IS NULL OR r.id = $id
RETURN r.id AS id, r.status AS status, coalesce(r.current, false) AS current, r.params AS params,
       toString(r.startedAt) AS startedAt, toString(r.finishedAt) AS finishedAt, r.graphDigest AS graphDigest,
       r.counts AS counts, r.timings AS timings, r.modularity AS modularity, r.hubs AS hubs, r.error AS error
ORDER BY r.startedAt DESC, r.id DESC
LIMIT $limit
