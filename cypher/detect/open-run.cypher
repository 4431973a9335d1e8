// Opens a detection run: invisible to readers (status "running") until complete-run promotes it.
// params: $id STRING, $params STRING (JSON), $startedAt STRING
// columns: id STRING
CREATE (r:DetectionRun {id: $id, status: 'running', current: false, params: $params, startedAt: datetime($startedAt),
                        updatedAt: datetime()})
RETURN r.id AS id
