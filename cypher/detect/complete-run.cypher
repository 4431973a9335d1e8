// Promotes a finished run in one transaction: it becomes the current run and the previous current
// run stays listed (readable by id) but is no longer current. Until this commits, readers see the
// previous run only.
// params: $id STRING, $props MAP (graphDigest, counts, timings, modularity, hubs …)
// columns: id STRING, previous STRING?
MATCH (r:DetectionRun {id: $id, status: 'running'})
OPTIONAL MATCH (old:DetectionRun {current: true})
SET old.current = false
SET r += $props, r.status = 'complete', r.current = true, r.finishedAt = datetime(), r.updatedAt = datetime()
RETURN r.id AS id, old.id AS previous
