// Links a Batch to its reporting region.
// params: $id STRING, $regionCode STRING
// columns: linked INTEGER
MATCH (b:Batch {id: $id})
MATCH (g:Region {code: $regionCode})
MERGE (b)-[:IN_REGION]->(g)
RETURN count(*) AS linked
