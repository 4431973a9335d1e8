// Migration 013 (server/db/steps.ts): communities whose evidence or record keys name an address,
// in id order after $after, a page at a time.
// params: $after STRING, $limit INTEGER
// columns: id STRING, evidence STRING?, recordKeys LIST<STRING>?
MATCH (c:Community)
WHERE c.id > $after
  AND (c.evidence CONTAINS 'addr:' OR any(k IN coalesce(c.recordKeys, []) WHERE k STARTS WITH 'addr:'))
RETURN c.id AS id, c.evidence AS evidence, c.recordKeys AS recordKeys
ORDER BY id
LIMIT $limit
