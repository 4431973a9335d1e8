// Migration 013 (server/db/steps.ts): detection runs whose hub list names an address, in id order
// after $after, a page at a time.
// params: $after STRING, $limit INTEGER
// columns: id STRING, hubs STRING
MATCH (r:DetectionRun)
WHERE r.id > $after AND r.hubs CONTAINS 'addr:'
RETURN r.id AS id, r.hubs AS hubs
ORDER BY id
LIMIT $limit
