// Promotes a finished run in one transaction: it becomes the only current run; earlier runs stay
// listed (readable by id) but are no longer current. Until this commits, readers see the previous
// run only. Clearing every other current flag (not just one found first) keeps a single current run
// even when two runs complete at the same time: the later commit wins.
// params: $id STRING, $props MAP (graphDigest, counts, timings, modularity, hubs …)
// columns: id STRING, previous STRING?
MATCH (r:DetectionRun {id: $id})
WHERE r.status = 'running' OR (r.status = 'complete' AND r.current)
OPTIONAL MATCH (old:DetectionRun)
WHERE old.current AND old <> r
SET old.current = false
WITH r, collect(old.id)[0] AS previous
SET r += $props, r.status = 'complete', r.current = true, r.finishedAt = datetime(), r.updatedAt = datetime()
RETURN r.id AS id, previous
