// Takes the audit chain's write lock for the rest of the transaction (creating the head on first
// use): appends from every API process are serialised here, so the chain never forks.
// params: $genesis STRING
// columns: locked INTEGER
MERGE (h:AuditHead {id: 'audit'})
  ON CREATE SET h.seq = 0, h.hash = $genesis
SET h.writes = coalesce(h.writes, 0) + 1
RETURN h.writes AS locked
