// Stores a new saved investigation at version 1; `regions` is the owner's region scope when saved,
// and `state` the canvas as a JSON string (validated by the service, opaque here).
// params: $id STRING, $owner STRING, $title STRING, $notes STRING, $state STRING, $shared BOOLEAN,
//         $regions LIST<STRING>, $nodeCount INTEGER
// columns: id STRING, owner STRING, title STRING, notes STRING, state STRING, shared BOOLEAN,
//          regions LIST<STRING>, version INTEGER, nodeCount INTEGER, createdAt STRING, updatedAt STRING
CREATE (i:Investigation {
  id: $id,
  owner: $owner,
  title: $title,
  notes: $notes,
  state: $state,
  shared: $shared,
  regions: $regions,
  version: 1,
  nodeCount: $nodeCount,
  createdAt: datetime(),
  updatedAt: datetime()
})
RETURN i.id AS id, i.owner AS owner, i.title AS title, i.notes AS notes, i.state AS state, i.shared AS shared,
       i.regions AS regions, i.version AS version, i.nodeCount AS nodeCount,
       toString(i.createdAt) AS createdAt, toString(i.updatedAt) AS updatedAt
