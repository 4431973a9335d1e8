// Migration 013 (server/db/steps.ts): values rewritten with current address keys. A saved canvas is
// written only at the version it was read at (a save in between wins; the step reads it again) and
// becomes a new version, so a browser holding the old one is told to reload before it saves.
// params: $communities LIST<MAP {id STRING, evidence STRING?, recordKeys LIST<STRING>?}>,
//         $runs LIST<MAP {id STRING, hubs STRING}>, $investigations LIST<MAP {id STRING, state STRING, version INTEGER}>
// columns: communities INTEGER, runs INTEGER, investigations INTEGER
CALL () {
  UNWIND $communities AS row
  MATCH (c:Community {id: row.id})
  SET c.evidence = row.evidence, c.recordKeys = row.recordKeys
  RETURN count(c) AS communities
}
CALL () {
  UNWIND $runs AS row
  MATCH (r:DetectionRun {id: row.id})
  SET r.hubs = row.hubs
  RETURN count(r) AS runs
}
CALL () {
  UNWIND $investigations AS row
  MATCH (i:Investigation {id: row.id})
  WHERE i.version = row.version
  SET i.state = row.state, i.version = i.version + 1, i.updatedAt = datetime()
  RETURN count(i) AS investigations
}
RETURN communities, runs, investigations
