// Hotspots, cases side: every case opened in [$from, $to) inside the caller's region scope, with
// what the aggregation needs — the handling region, the month, what the case is about (type, goods,
// brand, title: the category is derived from them), the brands it infringes (INFRINGES) and the
// amount (goods value, else turnover).
// No party is read. Bounded by $limit.
// params: $from STRING, $to STRING, $scope LIST<STRING>, $limit INTEGER
// columns: region STRING?, month STRING?, type STRING?, goods STRING?, brand STRING?, brands LIST<STRING>,
//          title STRING?, amount FLOAT
MATCH (c:Case)
WHERE left(toString(c.openedAt), 10) >= $from AND left(toString(c.openedAt), 10) < $to
  AND (any(x IN coalesce(c.seenIn, []) WHERE x IN $scope)
       OR EXISTS { (c)-[:IN_REGION]->(g:Region) WHERE g.code IN $scope })
WITH c
LIMIT $limit
RETURN coalesce([(c)-[:IN_REGION]->(g:Region) | g.code][0], coalesce(c.seenIn, [])[0]) AS region,
       left(toString(c.openedAt), 7) AS month,
       c.type AS type, c.goods AS goods, c.brand AS brand, [(c)-[:INFRINGES]->(b:Brand) | b.name] AS brands,
       c.title AS title,
       toFloat(coalesce(c.goodsValue, c.amount, 0)) AS amount
