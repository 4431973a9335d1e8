// Migration 013 (server/db/steps.ts): saved canvases that name an address, with their version, in
// id order after $after, a page at a time.
// params: $after STRING, $limit INTEGER
// columns: id STRING, state STRING, version INTEGER
MATCH (i:Investigation)
WHERE i.id > $after AND i.state CONTAINS 'addr:'
RETURN i.id AS id, i.state AS state, i.version AS version
ORDER BY id
LIMIT $limit
