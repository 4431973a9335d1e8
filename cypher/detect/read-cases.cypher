// Detection projection: every case with the parties it involves and the brands it names, streamed
// in key order.
// params: (none)
// columns: key STRING, caseNo STRING?, title STRING?, type STRING?, openedAt STRING?, regions LIST<STRING>,
//          amount FLOAT?, goodsValue FLOAT?, brands LIST<STRING>, parties LIST<STRING>
MATCH (c:Case)
WHERE c.key > ''
WITH c
ORDER BY c.key
RETURN c.key AS key,
       c.caseNo AS caseNo,
       c.title AS title,
       c.type AS type,
       toString(c.openedAt) AS openedAt,
       [(c)-[:IN_REGION]->(r:Region) | r.code] AS regions,
       toFloat(c.amount) AS amount,
       toFloat(c.goodsValue) AS goodsValue,
       [(c)-[:INFRINGES]->(b:Brand) | b.name] AS brands,
       [(c)-[:INVOLVES]->(p) WHERE p.key IS NOT NULL | p.key] AS parties
