// Deletes up to $limit communities (with their MEMBER_OF links) of a run that is not complete.
// params: $id STRING, $limit INTEGER
// columns: deleted INTEGER
MATCH (r:DetectionRun {id: $id})<-[:IN_RUN]-(c:Community)
WHERE r.status <> 'complete'
WITH c
LIMIT $limit
DETACH DELETE c
RETURN count(*) AS deleted
