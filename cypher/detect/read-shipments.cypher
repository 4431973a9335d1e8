// Detection projection: one page of shipments with their sender and recipient parties. Shipments
// without both ends carry no flow between parties and come back with null ends (the caller skips
// them; they still advance the page).
// params: $after STRING, $limit INTEGER
// columns: key STRING, from STRING?, to STRING?, at STRING?, pieces FLOAT?, item STRING?
MATCH (s:Shipment)
WHERE s.key > $after
WITH s
ORDER BY s.key
LIMIT $limit
OPTIONAL MATCH (s)-[:SENT_BY]->(a)
OPTIONAL MATCH (s)-[:SENT_TO]->(b)
RETURN s.key AS key, a.key AS from, b.key AS to, toString(s.shippedAt) AS at, toFloat(s.pieces) AS pieces,
       s.itemDesc AS item
