// Updates the caller's own investigation when $version is still the stored one (optimistic
// concurrency): the changes, the next version, and as `regions` the stored regions with the owner's
// current scope added: a canvas saved under a wider scope keeps what it was saved under when the
// owner's scope narrows, so a colleague who covers only the narrower scope still cannot open it. Writing
// `_lock` first takes the node's write lock before the version is read, so two updates from the
// same version cannot both win. `previous` is the version found: not $version means nothing changed.
// Null parameters keep the stored value. No row: no such investigation of this owner.
// params: $id STRING, $owner STRING, $version INTEGER, $title STRING?, $notes STRING?, $state STRING?,
//         $shared BOOLEAN?, $nodeCount INTEGER?, $regions LIST<STRING>
// columns: previous INTEGER, id STRING, owner STRING, title STRING, notes STRING, state STRING,
//          shared BOOLEAN, regions LIST<STRING>, version INTEGER, nodeCount INTEGER, createdAt STRING,
//          updatedAt STRING
MATCH (i:Investigation {id: $id})
WHERE i.owner = $owner
SET i._lock = true
WITH i, i.version AS previous
SET i += CASE WHEN previous = $version THEN {
      title: coalesce($title, i.title),
      notes: coalesce($notes, i.notes),
      state: coalesce($state, i.state),
      shared: coalesce($shared, i.shared),
      nodeCount: coalesce($nodeCount, i.nodeCount),
      regions: reduce(acc = coalesce(i.regions, []), c IN $regions | CASE WHEN c IN acc THEN acc ELSE acc + c END),
      version: previous + 1,
      updatedAt: datetime()
    } ELSE {} END
REMOVE i._lock
RETURN previous, i.id AS id, i.owner AS owner, i.title AS title, i.notes AS notes, i.state AS state,
       i.shared AS shared, i.regions AS regions, i.version AS version, i.nodeCount AS nodeCount,
       toString(i.createdAt) AS createdAt, toString(i.updatedAt) AS updatedAt
